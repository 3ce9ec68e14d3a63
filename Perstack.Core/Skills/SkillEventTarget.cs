using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;

namespace Perstack.Core.Skills;

/// <summary>
/// Where the skills of one pass report their runtime events (<c>skillStarting</c>, <c>skillConnected</c>,
/// <c>skillStderr</c>, <c>skillDisconnected</c>), stamped with the pass's job and run.
/// </summary>
/// <param name="JobId">The job the events belong to.</param>
/// <param name="RunId">The run (pass) the skills were started for.</param>
/// <param name="OnEvent">
/// Receives each event. Called from background threads, one event at a time per skill, in the order the skill
/// emitted them; an exception it throws is ignored (a broken listener never breaks a skill).
/// </param>
public sealed record SkillEventTarget(JobId JobId, RunId RunId, Func<RuntimeEvent, ValueTask> OnEvent);
