namespace Perstack.App.Tui.Controls;

/// <summary>What a browsing screen shows beside its list for a selected row: the info line, and the preview (null: none).</summary>
internal sealed record SelectionText(string Info, string? Preview);
