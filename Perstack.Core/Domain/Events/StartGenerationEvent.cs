using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Domain.Events;

/// <summary>The model is called with the full history.</summary>
public sealed record StartGenerationEvent : RunEvent
{
    /// <summary>The full history sent.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "startGeneration";
}
