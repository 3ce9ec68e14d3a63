using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// The read-only pane beside (or below) a list that shows the selected row's content, wrapped to its width and
/// scrollable with the list keys. Tab, Shift+Tab and Esc give the focus back to the list (<see cref="Left"/>).
/// A list of wrapped lines rather than a TextView: TextView is obsolete in Terminal.Gui 2.5 (warnings are errors).
/// </summary>
internal sealed class PreviewPane : PaintedListView
{
    private readonly BorderKeeper _border = new();
    private string _text = "";
    private int _wrappedFor = -1;

    public PreviewPane()
    {
        KeystrokeNavigator = null!;
        CanFocus = true;
        BorderStyle = LineStyle.Single;
        KeyBindings.Add(Key.J, Command.Down);
        KeyBindings.Add(Key.K, Command.Up);
        KeyBindings.Add(Key.G, Command.Start);
        KeyBindings.Add(Key.G.WithShift, Command.End);
        KeyDown += (_, key) =>
        {
            if (key == Key.Tab || key == Key.Tab.WithShift || key == Key.Esc)
            {
                Left?.Invoke(this, EventArgs.Empty);
                key.Handled = true;
            }
        };
        FrameChanged += (_, _) => Wrap();
    }

    /// <summary>The user moved the focus out of the pane.</summary>
    public event EventHandler? Left;

    /// <summary>The text shown (before wrapping).</summary>
    public string Content => _text;

    /// <summary>Shows <paramref name="text"/> from its top (unchanged text keeps the scroll position).</summary>
    public void Show(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == _text)
        {
            return;
        }

        _text = text;
        _wrappedFor = -1;
        Wrap();
    }

    /// <summary>
    /// Paints into the screen's cells what <see cref="Show"/> of <paramref name="text"/> would draw (for a forecast of a
    /// list move: <see cref="Driver.SelectionForecast"/>); false when that cannot be said here: the pane is scrolled
    /// (where <see cref="Show"/> leaves it scrolled is the library's to work out).
    /// </summary>
    public bool PaintAs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == _text)
        {
            return true; // Show changes nothing
        }

        if (Viewport.X != 0 || Viewport.Y != 0)
        {
            return false;
        }

        RowPainter.PaintSource(this, Lines(text, Math.Max(10, Viewport.Width)));
        return true;
    }

    /// <summary>The separator is drawn again only when the screen no longer shows it: see <see cref="BorderKeeper"/>.</summary>
    protected override bool OnDrawingAdornments() => _border.Keep(this);

    /// <inheritdoc />
    protected override bool OnRenderingLineCanvas() => _border.KeepLines(this);

    /// <inheritdoc />
    protected override void OnDrawComplete(DrawContext? context)
    {
        base.OnDrawComplete(context);
        _border.Drawn(this);
    }

    /// <summary>Draws the separator on the side that faces the list: left when beside it, top when below it.</summary>
    public void FaceList(bool beside) =>
        Border!.Thickness = beside ? new Thickness(1, 0, 0, 0) : new Thickness(0, 1, 0, 0);

    private void Wrap()
    {
        int width = Math.Max(10, Viewport.Width);
        if (width == _wrappedFor)
        {
            return;
        }

        _wrappedFor = width;
        Source = Lines(_text, width);
        SelectedItem = null;
        SetNeedsDraw();
    }

    private static RowSource<string> Lines(string text, int width) => new(TextFit.Wrap(text, width), line => line);
}
