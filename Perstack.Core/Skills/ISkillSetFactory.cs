using Perstack.Core.Domain.Experts;

namespace Perstack.Core.Skills;

/// <summary>Starts the skills of an expert for one pass (MCP servers, the base skill, interactive tools, delegates).</summary>
public interface ISkillSetFactory
{
    /// <summary>Starts every skill of <paramref name="expert"/>; the caller disposes them when the pass ends.</summary>
    Task<IReadOnlyList<ISkillManager>> StartAsync(Expert expert, IReadOnlyList<Expert> delegates, CancellationToken cancellationToken = default);
}
