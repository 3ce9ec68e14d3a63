using Perstack.App.Tui.Controls;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Screens.Query;

/// <summary>The query entry as drawn: a "New run" box with a heading, the labelled input field and the Enter hint.</summary>
internal sealed class QueryView : View
{
    private readonly PlainLabel _expert;
    private readonly Label _label;
    private readonly InputField _field;

    public QueryView()
    {
        CanFocus = true;
        _expert = new PlainLabel { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
        _label = new Label { X = 0, Y = 2, Text = "Query: ", Height = 1 };
        _field = new InputField { X = Pos.Right(_label), Y = 2, Width = Dim.Fill() };
        var frame = new FrameView { Title = "New run", X = 0, Y = 1, Width = Dim.Fill(), Height = 7 };
        frame.Add(_expert, _label, _field, new Label { X = 0, Y = 4, Text = "Press Enter to start", Height = 1 });
        Add(frame);
        _field.Submitted += (_, text) => Submitted?.Invoke(this, text);
        _field.Cancelled += (_, _) => Cancelled?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Enter in the field, with the text typed.</summary>
    public event EventHandler<string>? Submitted;

    /// <summary>Esc in the field.</summary>
    public event EventHandler? Cancelled;

    public string Heading => _expert.Text ?? "";

    /// <summary>Shows an empty field labelled <paramref name="label"/> under <paramref name="heading"/>.</summary>
    public void Show(string heading, string label)
    {
        _expert.Text = heading;
        _label.Text = label;
        _field.Text = "";
    }

    public void FocusField() => _field.SetFocus();
}
