namespace Perstack.Tests.App.Tui.Driver;

/// <summary>A cell of <see cref="TerminalScreen"/>.</summary>
internal readonly record struct TerminalCell(string Text, string Foreground, string Background, string Style, string? Url);
