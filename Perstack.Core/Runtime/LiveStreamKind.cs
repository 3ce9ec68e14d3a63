namespace Perstack.Core.Runtime;

/// <summary>What a live stream event says (named after the reference's streaming events at HEAD).</summary>
public enum LiveStreamKind
{
    StartStreamingReasoning,
    StreamReasoning,
    CompleteStreamingReasoning,
    StartStreamingRunResult,
    StreamRunResult,
    CompleteStreamingRunResult,

    /// <summary>An attempt of the model call failed and will be retried (see <see cref="LiveStreamEvent.Retry"/>).</summary>
    Retry,
}
