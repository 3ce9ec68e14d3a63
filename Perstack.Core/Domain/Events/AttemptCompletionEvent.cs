namespace Perstack.Core.Domain.Events;

/// <summary>The model attempted completion.</summary>
public sealed record AttemptCompletionEvent : RunEvent
{
    /// <summary>The attemptCompletion result.</summary>
    public required ToolResult ToolResult { get; init; }

    /// <inheritdoc />
    protected override string TypeName => "attemptCompletion";
}
