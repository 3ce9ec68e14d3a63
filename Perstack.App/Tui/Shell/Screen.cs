namespace Perstack.App.Tui.Shell;

/// <summary>The screens of the selection phase, plus the execution phase.</summary>
internal enum Screen
{
    History,
    Checkpoints,
    Events,
    EventDetail,
    Experts,
    Query,
    Execution,
    Transcript,
    Search,
}
