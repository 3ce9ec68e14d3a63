using Perstack.App.Tui.Controls;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The copy/confirm menu over the screen: a framed <see cref="ChoiceList"/> in the middle, as tall as its choices.
/// Esc or b on it raises <see cref="Closed"/>; the workbench closes it, since it knows where the focus goes back.
/// </summary>
internal sealed class MenuPopup : FrameView
{
    private readonly ChoiceList _choices = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };

    public MenuPopup()
    {
        (X, Y, Width, Height, Visible) = (Pos.Center(), Pos.Center(), Dim.Percent(90), 6, false);
        NoHotKey.Apply(this);
        Add(_choices);
        _choices.Closed += (_, _) => Closed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Esc or b was pressed on the menu.</summary>
    public event EventHandler? Closed;

    public bool IsOpen => Visible;

    /// <summary>Shows <paramref name="choices"/> under <paramref name="title"/>, the first selected, and takes the focus.</summary>
    public void Open(string title, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Title = title;
        Height = choices.Count + 2;
        _choices.Show(choices);
        Visible = true;
        _choices.SetFocus();
    }
}
