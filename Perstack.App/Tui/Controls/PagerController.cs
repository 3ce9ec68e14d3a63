using Perstack.Core.Text;
using Perstack.App.Presentation;
using Perstack.App.Tui.Shell;
using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A screen showing one text whole (a payload, a transcript) like a pager: ↑↓ PgUp/PgDn move the cursor line, ←→
/// scroll sideways, w wraps long lines at the width, / searches as you type (matches highlighted, "match k of n"),
/// n/N go to the next/previous match, y copies. The text is loaded by the screen, off the UI thread.
/// </summary>
internal abstract class PagerController : BrowserController
{
    protected PagerController(IWorkbenchShell shell, IReadOnlyList<KeyBind> keys)
        : base(shell, keys)
    {
        Page = new TextPage([]);
        List.Source = new PageSource(Page, ColorsOf);
        List.FrameChanged += (_, _) => Relayout();
    }

    public TextPage Page { get; }

    // The list owns (and disposes) its source.
    private PageSource Source => (PageSource)List.Source!;

    /// <summary>The heading's title (position, wrap and search state follow it).</summary>
    protected abstract string Caption { get; }

    /// <summary>The colour of each character of a line of the text.</summary>
    protected abstract Color[] ColorsOf(string line);

    /// <summary>Shows <paramref name="lines"/> from the top (a load finished); the search typed stays.</summary>
    protected void ShowText(IReadOnlyList<string> lines)
    {
        Page.SetWidth(List.Viewport.Width);
        Page.SetLines(lines);
        Source.NotifyChanged();
        List.SelectedItem = Page.Shown.Count > 0 ? 0 : null;
        GoToMatch();
        Refill(resetSelection: false);
    }

    public override void Refill(bool resetSelection)
    {
        int total = Page.Lines.Count;
        int at = List.SelectedItem is { } row && row < Page.Shown.Count ? Page.Shown[row].Line + 1 : 0;
        var state = new List<string> { total == 0 ? "empty" : $"line {at} of {total}" };
        if (Page.Wrap)
        {
            state.Add("wrapped");
        }
        else if (Page.Column > 0)
        {
            state.Add($"from column {Page.Column + 1}");
        }

        if (Page.MatchText.Length > 0)
        {
            state.Add(Page.MatchText);
        }

        View.ShowHeading(Loading ? $"{Caption}  (loading…)" : $"{Caption}  ({string.Join(", ", state)})");
        UpdateInfo();
        View.SetNeedsDraw();
        List.SetNeedsDraw();
    }

    protected override string Describe() => Page.MatchText;

    protected override bool PerformOwn(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Filter:
                int from = List.SelectedItem ?? 0;
                OpenInput("/", Page.Query, new InputRequest(
                    text =>
                    {
                        Page.Search(text);
                        Page.SearchFrom(from);
                        GoToMatch();
                        Refill(resetSelection: false);
                    },
                    _ => Refill(resetSelection: false),
                    () => ClearSearch()));
                return true;
            case TuiAction.NextMatch or TuiAction.PreviousMatch:
                if (Page.Matches.Count == 0)
                {
                    Shell.SetMessage(Page.Query.Length == 0 ? "Nothing searched yet: / searches" : Page.MatchText);
                    return true;
                }

                Page.Step(action == TuiAction.NextMatch ? 1 : -1);
                GoToMatch();
                Refill(resetSelection: false);
                return true;
            case TuiAction.Wrap:
                int line = List.SelectedItem is { } row && row < Page.Shown.Count ? Page.Shown[row].Line : 0;
                Page.ToggleWrap();
                Source.NotifyChanged();
                List.SelectedItem = Page.Shown.Count == 0 ? null : Page.Shown.Select((s, i) => (s, i)).First(p => p.s.Line >= line).i;
                List.EnsureSelectedItemVisible();
                Refill(resetSelection: false);
                return true;
            case TuiAction.ScrollLeft or TuiAction.ScrollRight:
                Page.Scroll(action == TuiAction.ScrollRight ? TextPage.SideStep : -TextPage.SideStep);
                Refill(resetSelection: false);
                return true;
            case TuiAction.Back when Page.Query.Length > 0:
                ClearSearch();
                return true;
            default:
                return PerformPage(action);
        }
    }

    /// <summary>The screen's keys beyond the pager's (Back with no search open).</summary>
    protected abstract bool PerformPage(TuiAction action);

    /// <summary>The copy-menu entry of the whole text.</summary>
    protected CopyTarget WholeText(string what) =>
        new(what, Page.Text, $"{CountText.Of(Page.Lines.Count, "line")}, {CountText.Of(Page.Text.Length, "character")}");

    private void ClearSearch()
    {
        Page.Search("");
        Refill(resetSelection: false);
    }

    /// <summary>Puts the cursor on the current match.</summary>
    private void GoToMatch()
    {
        if (Page.Current >= 0)
        {
            List.SelectedItem = Page.ShownIndexOf(Page.Matches[Page.Current]);
            List.EnsureSelectedItemVisible();
        }
    }

    private void Relayout()
    {
        int line = List.SelectedItem is { } row && row < Page.Shown.Count ? Page.Shown[row].Line : 0;
        int before = Page.Shown.Count;
        Page.SetWidth(List.Viewport.Width);
        if (Page.Shown.Count != before)
        {
            Source.NotifyChanged();
            List.SelectedItem = Page.Shown.Count == 0 ? null : Page.Shown.Select((s, i) => (s, i)).First(p => p.s.Line >= line).i;
        }
    }
}
