using Perstack.Core.Domain.Experts;

namespace Perstack.Core.Skills;

/// <summary>Starts the skills of an expert for one pass (MCP servers, the base skill, interactive tools, delegates).</summary>
public interface ISkillSetFactory
{
    /// <summary>Starts every skill of <paramref name="expert"/>; the caller disposes them when the pass ends.</summary>
    /// <param name="expert">The expert whose skills are started.</param>
    /// <param name="delegates">Its delegate experts (one delegate skill each).</param>
    /// <param name="events">Where the skills report runtime events; null: nowhere.</param>
    /// <param name="cancellationToken">Cancels the start; whatever was already started is stopped.</param>
    /// <exception cref="Domain.PerstackException">A skill cannot be started (e.g. <c>Skill X failed to start: …</c>).</exception>
    Task<IReadOnlyList<ISkillManager>> StartAsync(
        Expert expert, IReadOnlyList<Expert> delegates, SkillEventTarget? events = null, CancellationToken cancellationToken = default);
}
