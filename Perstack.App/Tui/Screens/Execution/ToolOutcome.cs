namespace Perstack.App.Tui.Screens.Execution;

/// <summary>A tool row once its result is in: the (possibly new) heading, detail lines, and whether it failed.</summary>
internal sealed record ToolOutcome(string Header, IReadOnlyList<ToolLine> Lines, bool Failed);
