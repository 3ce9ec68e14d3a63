using Terminal.Gui.Input;

namespace Perstack.App.Tui.Controls;

/// <summary>A choice of the copy or confirm menus.</summary>
internal sealed record Choice(Key Key, string Label, Action Chosen);
