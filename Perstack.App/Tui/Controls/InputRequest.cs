namespace Perstack.App.Tui.Controls;

/// <summary>What the input line reports: each change, Enter, Esc.</summary>
internal sealed record InputRequest(Action<string>? Changed, Action<string> Submitted, Action Cancelled);
