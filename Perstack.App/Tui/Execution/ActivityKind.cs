namespace Perstack.App.Tui.Execution;

/// <summary>What an activity row shows.</summary>
internal enum ActivityKind
{
    Query,
    Tool,
    Delegation,
    Interactive,
    Retry,
    Error,
    Result,
    Info,
}
