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

    /// <summary>A pager: wrap long lines or not.</summary>
    Wrap,

    /// <summary>A pager: the next search match (n).</summary>
    NextMatch,

    /// <summary>A pager: the previous search match (N).</summary>
    PreviousMatch,

    /// <summary>A pager: scroll left.</summary>
    ScrollLeft,

    /// <summary>A pager: scroll right.</summary>
    ScrollRight,

    /// <summary>The conversation of a checkpoint as text.</summary>
    Transcript,
    Search,
    Help,
    Rename,
    Fork,
    Export,
    Sort,
    Pane,
}
