using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Perstack.App.Tui;

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

/// <summary>A choice of the copy or confirm menus.</summary>
internal sealed record Choice(Key Key, string Label, Action Chosen);

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

/// <summary>A status bar generated from the screen's key table, wrapped over its height.</summary>
internal sealed class HintBar : Label
{
    private string _hints = "";

    public string Hints
    {
        get => _hints;
        set
        {
            _hints = value;
            Reflow();
        }
    }

    public HintBar()
    {
        FrameChanged += (_, _) => Reflow();
    }

    private void Reflow()
    {
        int width = Math.Max(20, Frame.Width);
        var lines = new List<string>();
        var current = "";
        foreach (var part in _hints.Split("  "))
        {
            if (current.Length > 0 && current.Length + 2 + part.Length > width)
            {
                lines.Add(current);
                current = part;
            }
            else
            {
                current = current.Length == 0 ? part : $"{current}  {part}";
            }
        }

        lines.Add(current);
        var text = string.Join('\n', lines);
        if (text != Text)
        {
            Text = text;
        }
    }
}
