namespace Perstack.App.Tui.Controls;

/// <summary>What a key hint is to a hint bar that is short of room (see <see cref="HintBar"/>).</summary>
internal enum HintKind
{
    /// <summary>The list moves (arrows, j/k, pages): the keys people know, the first to give way.</summary>
    Move,

    /// <summary>A key of the screen: gives way from the right when the bar is still too short.</summary>
    Action,

    /// <summary>The help key, which lists every key of the screen: never gives way.</summary>
    Help,
}
