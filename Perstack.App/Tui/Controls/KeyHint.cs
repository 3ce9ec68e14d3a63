namespace Perstack.App.Tui.Controls;

/// <summary>One hint of a hint bar: its text (<c>"t title"</c>) and what it is when room runs short.</summary>
internal sealed record KeyHint(string Text, HintKind Kind);
