using Terminal.Gui.Input;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// One key binding: the key, the label shown in the status bar (null = not shown), the action, and the
/// Terminal.Gui command it is bound through (list views swallow letter keys unless bound as commands).
/// </summary>
internal sealed record KeyBind(Key Key, string? KeyLabel, string? Hint, TuiAction Action);
