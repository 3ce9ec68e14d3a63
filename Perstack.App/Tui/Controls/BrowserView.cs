using Perstack.App.Tui.Shell;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A browsing screen as drawn: a heading, a list bound to the screen's key table, an info line that an input line
/// (the filter, a typed key) takes over while open, and the copy menu. What the keys do is the controller's.
/// </summary>
internal sealed class BrowserView : View
{
    private readonly PlainLabel _heading;
    private readonly PlainLabel _info;
    private readonly PlainLabel _inputLabel;
    private readonly InputField _inputLine;
    private InputRequest? _input;

    /// <summary>From this width on, the preview is beside the list; narrower, below it.</summary>
    public const int BesideFrom = 120;

    /// <summary>Below this height a preview below the list would leave too few rows: it is hidden.</summary>
    public const int BelowFrom = 14;

    public BrowserView(IReadOnlyList<KeyBind> keys, Func<TuiAction, bool> perform, bool withPreview = false)
    {
        CanFocus = true;
        _heading = new PlainLabel { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        List = new BrowserList(perform) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1) };
        List.Bind(keys);
        // As wide as the view, in columns given when the view is sized: a label that fills its width makes the library
        // lay the whole window out again each time its text changes, and this line changes with every key.
        _info = new PlainLabel { X = 0, Y = Pos.AnchorEnd(1), Width = 0, Height = 1 };
        FrameChanged += (_, _) => _info.Width = Viewport.Width;
        _inputLabel = new PlainLabel { X = 0, Y = Pos.AnchorEnd(1), Height = 1, Visible = false };
        _inputLine = new InputField { X = Pos.Right(_inputLabel), Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Visible = false };
        Add(_heading, List, _info, _inputLabel, _inputLine);
        if (withPreview)
        {
            Preview = new PreviewPane();
            Preview.Left += (_, _) => List.SetFocus();
            Add(Preview);
            FrameChanged += (_, _) => Arrange();
        }

        List.ValueChanged += (_, _) => InfoNeeded?.Invoke(this, EventArgs.Empty);
        _inputLine.TextChanged += (_, _) => _input?.Changed?.Invoke(_inputLine.Text ?? "");
        _inputLine.Submitted += (_, text) => CloseInput(r => r.Submitted(text));
        _inputLine.Cancelled += (_, _) => CloseInput(r => r.Cancelled());
    }

    /// <summary>Not cleared before it draws when its parts cover it (they always do once laid out): see <see cref="SubViewCover"/>.</summary>
    protected override bool OnClearingViewport() => SubViewCover.Covers(this);

    /// <summary>The info line should be redrawn: the selection moved or the input line closed.</summary>
    public event EventHandler? InfoNeeded;

    public BrowserList List { get; }

    /// <summary>The selected row's content, beside or below the list; null on screens without one.</summary>
    public PreviewPane? Preview { get; }

    /// <summary>Whether the preview is drawn beside the list (else below it, or hidden when too low).</summary>
    public bool PreviewBeside { get; private set; }

    /// <summary>Tab: the focus goes from the list to the preview and back.</summary>
    public void SwitchPane()
    {
        if (Preview is { Visible: true } preview && List.HasFocus)
        {
            preview.SetFocus();
        }
        else
        {
            List.SetFocus();
        }
    }

    /// <summary>Places the list and the preview for the frame's size (60x20 up to 250x70 and beyond).</summary>
    private void Arrange()
    {
        if (Preview is not { } preview)
        {
            return;
        }

        bool beside = Frame.Width >= BesideFrom;
        bool shown = beside || Frame.Height >= BelowFrom;
        PreviewBeside = beside;
        preview.Visible = shown;
        preview.FaceList(beside);
        if (!shown)
        {
            (List.Width, List.Height) = (Dim.Fill(), Dim.Fill(1));
        }
        else if (beside)
        {
            (List.Width, List.Height) = (Dim.Percent(60), Dim.Fill(1));
            (preview.X, preview.Y, preview.Width, preview.Height) = (Pos.Right(List), 1, Dim.Fill(), Dim.Fill(1));
        }
        else
        {
            (List.Width, List.Height) = (Dim.Fill(), Dim.Percent(45));
            (preview.X, preview.Y, preview.Width, preview.Height) = (0, Pos.Bottom(List), Dim.Fill(), Dim.Fill(1));
        }

        if (!shown && preview.HasFocus)
        {
            List.SetFocus();
        }
    }

    public bool IsInputOpen => _input is not null;

    /// <summary>The views that show the selection beside the list and are on screen: the info line (unless the input line took it over) and the preview.</summary>
    public IReadOnlyList<View> SelectionViews => [.. new View?[] { _input is null ? _info : null, Preview }.OfType<View>().Where(view => view.Visible)];

    /// <summary>
    /// Paints into the screen's cells what the info line and the preview (<see cref="SelectionViews"/>) would show for
    /// <paramref name="shown"/>; false when one of them cannot say (see <see cref="PlainLabel.PaintAs"/>, <see cref="PreviewPane.PaintAs"/>).
    /// </summary>
    public bool PaintSelection(SelectionText shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var views = SelectionViews;
        return (!views.Contains(_info) || _info.PaintAs(shown.Info))
            && (Preview is not { } preview || !views.Contains(preview) || (shown.Preview is { } text && preview.PaintAs(text)));
    }

    public void ShowHeading(string text) => _heading.Text = text;

    /// <summary>Shows <paramref name="text"/> on the info line, unless the input line has taken it over.</summary>
    public void ShowInfo(string text)
    {
        if (_input is null)
        {
            _info.Text = text;
        }
    }

    /// <summary>Shows the input line in place of the info line.</summary>
    public void OpenInput(string label, string text, InputRequest request)
    {
        _input = request;
        _info.Visible = false;
        _inputLabel.Text = label;
        _inputLabel.Visible = true;
        _inputLine.Visible = true;
        _inputLine.Text = text;
        _inputLine.SetFocus();
    }

    /// <summary>Closes the input line without reporting anything (the screen was shown afresh).</summary>
    public void CloseInput() => CloseInput(null);

    /// <summary>Offers <paramref name="targets"/> in the shell's menu, numbered 1…n; nothing when there are none.</summary>
    public static void OpenCopyMenu(IWorkbenchShell shell, IReadOnlyList<CopyTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            return;
        }

        var choices = targets.Select((t, i) => new Choice(new Terminal.Gui.Input.Key((char)('1' + i)), $"{i + 1} {t.What}: {t.Shown ?? t.Text}", () => shell.Copy(t.What, t.Text, t.Shown))).ToList();
        shell.OpenMenu($"Copy (Enter or 1–{choices.Count}, Esc cancels)", choices);
    }

    private void CloseInput(Action<InputRequest>? then)
    {
        var request = _input;
        _input = null;
        _inputLabel.Visible = false;
        _inputLine.Visible = false;
        _info.Visible = true;
        if (request is null)
        {
            return;
        }

        // Focus first: the callback may move to another screen, which then takes the focus.
        List.SetFocus();
        InfoNeeded?.Invoke(this, EventArgs.Empty);
        then?.Invoke(request);
    }
}
