using Perstack.Core.Domain;

namespace Perstack.App.Tui.Shell;

/// <summary>A checkpoint a run resumes from, as chosen in the browser or by a continue flag.</summary>
/// <param name="JobId">The job.</param>
/// <param name="CheckpointId">The checkpoint, or null for the job's latest.</param>
/// <param name="StepNumber">Its step, when known (shown as "resuming from step N").</param>
/// <param name="WaitsForAnswer">The checkpoint stopped at an interactive tool: the query is its answer (-i).</param>
internal sealed record ResumePoint(JobId JobId, CheckpointId? CheckpointId, long? StepNumber, bool WaitsForAnswer);
