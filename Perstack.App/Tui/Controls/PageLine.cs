namespace Perstack.App.Tui.Controls;

/// <summary>A line of a <see cref="TextPage"/> as drawn: which line of the text, from which column, and its text.</summary>
internal sealed record PageLine(int Line, int Start, string Text);
