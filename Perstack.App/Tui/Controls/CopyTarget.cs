namespace Perstack.App.Tui.Controls;

/// <summary>Something the copy menu offers: what it is, the text copied, and what to show of it when the text is long.</summary>
internal sealed record CopyTarget(string What, string Text, string? Shown = null);
