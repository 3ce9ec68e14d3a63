using Perstack.Core.Domain;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>What a pass needs besides its inputs: where checkpoints go, who hears events, the clock.</summary>
/// <param name="Checkpoints">The checkpoint store.</param>
/// <param name="Sink">Receives every event after its checkpoint is stored.</param>
/// <param name="Clock">Event timestamps.</param>
/// <param name="OnCheckpointStored">Called after each stored checkpoint (the job lifecycle updates job.json).</param>
public sealed record RunServices(ICheckpointStore Checkpoints, IRunEventSink Sink, EventClock Clock, Func<Checkpoint, Task> OnCheckpointStored)
{
    /// <summary>The run's known secrets, redacted from everything that enters the conversation or the stream.</summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <summary>Whether tool arguments and results (redacted) go on the <c>execute_tool</c> spans: the user opted in.</summary>
    public bool TelemetryCapturesContent { get; init; }
}
