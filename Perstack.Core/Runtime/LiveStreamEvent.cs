using Perstack.Core.Domain;

namespace Perstack.Core.Runtime;

/// <summary>
/// A piece of a model call as it streams. Live only: never stored and never printed by <c>perstack run</c>, so the
/// stored events are the same whether a run streams or not.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="ExpertKey">The expert answering.</param>
/// <param name="StepNumber">The step.</param>
/// <param name="Kind">Start, delta or complete, of the reasoning or of the run result.</param>
/// <param name="Text">The delta, or the whole text on complete (empty on start), or a retried failure's message.</param>
/// <param name="Retry">For <see cref="LiveStreamKind.Retry"/>: what failed, which attempt, the wait.</param>
public sealed record LiveStreamEvent(JobId JobId, RunId RunId, string ExpertKey, long StepNumber, LiveStreamKind Kind, string Text, ModelRetry? Retry = null);
