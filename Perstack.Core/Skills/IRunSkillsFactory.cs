using Perstack.Core.Runs;

namespace Perstack.Core.Skills;

/// <summary>Makes the skill factory of one run, from its settled request (workspace, environment, tool timeout).</summary>
public interface IRunSkillsFactory
{
    /// <summary>The skills of the run described by <paramref name="request"/>.</summary>
    ISkillSetFactory Create(RunRequest request);
}
