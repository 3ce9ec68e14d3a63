using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>The run started (Init → PreparingForStep).</summary>
public sealed record StartRunEvent : RunEvent
{
    /// <summary>The checkpoint the run starts from.</summary>
    public required Checkpoint InitialCheckpoint { get; init; }

    /// <summary>Messages added to start the run.</summary>
    public required IReadOnlyList<Message> InputMessages { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "startRun";
}
