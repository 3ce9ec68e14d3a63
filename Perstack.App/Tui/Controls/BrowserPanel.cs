using Perstack.App.Tui.Shell;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A browsing screen: a heading, a list bound to the screen's key table, and an info line that an input line (the
/// filter, a typed key) takes over while open. The panel owns its keys; loads run off the UI thread and are
/// applied only when they are still the latest.
/// </summary>
internal abstract class BrowserPanel : View
{
    private readonly Label _info;
    private readonly Label _inputLabel;
    private readonly InputField _inputLine;
    private InputRequest? _input;
    private int _version;

    protected BrowserPanel(IWorkbenchShell shell, IReadOnlyList<KeyBind> keys)
    {
        Shell = shell;
        Keys = keys;
        CanFocus = true;
        Heading = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        List = new BrowserList(Perform) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1) };
        List.Bind(keys);
        _info = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        _inputLabel = new Label { X = 0, Y = Pos.AnchorEnd(1), Height = 1, Visible = false };
        _inputLine = new InputField { X = Pos.Right(_inputLabel), Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Visible = false };
        Add(Heading, List, _info, _inputLabel, _inputLine);
        List.ValueChanged += (_, _) => UpdateInfo();
        _inputLine.TextChanged += (_, _) => _input?.Changed?.Invoke(_inputLine.Text ?? "");
        _inputLine.Submitted += (_, text) => CloseInput(r => r.Submitted(text));
        _inputLine.Cancelled += (_, _) => CloseInput(r => r.Cancelled());
    }

    public abstract Screen Screen { get; }

    /// <summary>The key table: bound on the list and shown in the status bar.</summary>
    public IReadOnlyList<KeyBind> Keys { get; }

    public BrowserList List { get; }

    public bool IsInputOpen => _input is not null;

    protected IWorkbenchShell Shell { get; }

    protected Label Heading { get; }

    protected bool Loading { get; private set; }

    protected string? LoadError { get; private set; }

    /// <summary>The screen was shown: a fresh start (no input line, first row selected).</summary>
    public virtual void Enter()
    {
        CloseInput(null);
        Refill(resetSelection: true);
        List.SetFocus();
    }

    /// <summary>Runs a key's action; true when handled.</summary>
    public bool Perform(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Quit:
                Shell.Quit();
                return true;
            case TuiAction.Refresh:
                Reload();
                return true;
            case TuiAction.Copy:
                OpenCopyMenu();
                return true;
            default:
                return PerformOwn(action);
        }
    }

    /// <summary>The screen's own keys.</summary>
    protected abstract bool PerformOwn(TuiAction action);

    /// <summary>Reads the screen's data again (r).</summary>
    protected abstract void Reload();

    /// <summary>Redraws the heading and the list from the loaded data.</summary>
    public abstract void Refill(bool resetSelection);

    /// <summary>The info line for the selection (or the empty-list hint).</summary>
    protected abstract string Describe();

    /// <summary>What y offers to copy for the selection.</summary>
    protected virtual IReadOnlyList<CopyTarget> CopyTargets() => [];

    protected void UpdateInfo()
    {
        if (_input is null)
        {
            _info.Text = LoadError is not null ? $"Error: {LoadError}" : Describe();
        }
    }

    /// <summary>Starts a load: results of older loads are dropped from now on.</summary>
    protected int BeginLoad()
    {
        Loading = true;
        LoadError = null;
        return Interlocked.Increment(ref _version);
    }

    /// <summary>Whether a load's result is still wanted (no newer load started).</summary>
    protected bool IsLatest(int version) => version == _version;

    protected void EndLoad() => Loading = false;

    protected void Fail(int version, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!IsLatest(version))
        {
            return;
        }

        Loading = false;
        LoadError = e.Message.ReplaceLineEndings(" ");
        Refill(resetSelection: false);
    }

    /// <summary>Shows the input line in place of the info line.</summary>
    protected void OpenInput(string label, string text, InputRequest request)
    {
        _input = request;
        _info.Visible = false;
        _inputLabel.Text = label;
        _inputLabel.Visible = true;
        _inputLine.Visible = true;
        _inputLine.Text = text;
        _inputLine.SetFocus();
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
        UpdateInfo();
        then?.Invoke(request);
    }

    private void OpenCopyMenu()
    {
        var targets = CopyTargets();
        if (targets.Count == 0)
        {
            return;
        }

        var choices = targets.Select((t, i) => new Choice(new Terminal.Gui.Input.Key((char)('1' + i)), $"{i + 1} {t.What}: {t.Text}", () => Shell.Copy(t.What, t.Text))).ToList();
        Shell.OpenMenu($"Copy (Enter or 1–{choices.Count}, Esc cancels)", choices);
    }

    /// <summary>What the input line reports: each change, Enter, Esc.</summary>
    protected sealed record InputRequest(Action<string>? Changed, Action<string> Submitted, Action Cancelled);
}
