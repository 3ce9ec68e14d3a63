namespace Perstack.App.Tui.Shell;

/// <summary>What a key does on a screen.</summary>
internal enum TuiAction
{
    Open,
    Checkpoints,
    Events,
    NewRun,
    Back,
    Filter,
    Copy,
    Delete,
    Refresh,
    Quit,
    TypeExpert,
    History,
    Search,
    Help,
    Rename,
    Fork,
    Export,
    Sort,
    Pane,
}
