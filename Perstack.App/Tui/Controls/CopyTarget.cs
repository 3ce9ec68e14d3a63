namespace Perstack.App.Tui.Controls;

/// <summary>Something the copy menu offers: what it is and the text copied.</summary>
internal sealed record CopyTarget(string What, string Text);
