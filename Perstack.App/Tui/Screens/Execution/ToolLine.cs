namespace Perstack.App.Tui.Screens.Execution;

/// <summary>A detail line under a tool row: its text and how it is coloured (dim, added, removed).</summary>
internal sealed record ToolLine(string Text, ActivityKind Kind = ActivityKind.Detail);
