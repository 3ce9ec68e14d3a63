using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>A small menu: Enter picks the selected choice, each choice's key picks it directly, Esc/b closes.</summary>
internal sealed class ChoiceList : ListView
{
    private IReadOnlyList<Choice> _choices = [];

    public ChoiceList()
    {
        KeystrokeNavigator = null!;
        AddCommand(Command.Accept, () =>
        {
            if (SelectedItem is { } index && index >= 0 && index < _choices.Count)
            {
                _choices[index].Chosen();
            }

            return true;
        });
        AddCommand(Command.Cancel, () =>
        {
            Closed?.Invoke(this, EventArgs.Empty);
            return true;
        });
        KeyBindings.Remove(Key.Esc);
        KeyBindings.Add(Key.Esc, Command.Cancel);
        KeyBindings.Remove(Key.B);
        KeyBindings.Add(Key.B, Command.Cancel);
    }

    public event EventHandler? Closed;

    public IReadOnlyList<Choice> Choices => _choices;

    public void Show(IReadOnlyList<Choice> choices)
    {
        _choices = choices;
        Source = new RowSource<Choice>(choices, c => c.Label);
        SelectedItem = choices.Count > 0 ? 0 : null;
    }

    protected override bool OnKeyDown(Key key)
    {
        foreach (var choice in _choices)
        {
            if (key == choice.Key)
            {
                choice.Chosen();
                return true;
            }
        }

        return base.OnKeyDown(key);
    }
}
