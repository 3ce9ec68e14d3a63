using Perstack.Core.Domain;

namespace Perstack.Core.Runs;

/// <summary>How a run ended: its job and the checkpoint it stopped at.</summary>
/// <param name="JobId">The job the run wrote to.</param>
/// <param name="Final">The final checkpoint.</param>
public sealed record RunOutcome(JobId JobId, Checkpoint Final);
