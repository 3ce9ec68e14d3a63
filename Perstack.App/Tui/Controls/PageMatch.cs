namespace Perstack.App.Tui.Controls;

/// <summary>A search match in a <see cref="TextPage"/>: the line of the text, the column it starts at, its length.</summary>
internal sealed record PageMatch(int Line, int Start, int Length);
