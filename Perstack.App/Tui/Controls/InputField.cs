using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>A one-line input whose Enter submits and Esc cancels (instead of quitting the application).</summary>
internal sealed class InputField : TextField
{
    public InputField()
    {
        AddCommand(Command.Cancel, () =>
        {
            Cancelled?.Invoke(this, EventArgs.Empty);
            return true;
        });
        KeyBindings.Remove(Key.Esc);
        KeyBindings.Add(Key.Esc, Command.Cancel);
        Accepting += (_, e) =>
        {
            Submitted?.Invoke(this, Text ?? "");
            e.Handled = true;
        };
    }

    public event EventHandler<string>? Submitted;

    public event EventHandler? Cancelled;
}
