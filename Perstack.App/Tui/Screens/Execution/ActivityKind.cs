namespace Perstack.App.Tui.Screens.Execution;

/// <summary>What an activity row shows (it picks the row's colour).</summary>
internal enum ActivityKind
{
    Query,
    Tool,
    Pending,
    Detail,
    Added,
    Removed,
    Delegation,
    Interactive,
    Retry,
    Error,
    Result,
    Info,
    Streaming,

    /// <summary>The model's reasoning (thinking) before a reply: dimmed.</summary>
    Thinking,
}
