using System.Globalization;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A read-only text shown in a pager: its lines as drawn (cut at the width when wrapping, else whole and scrolled
/// sideways), the column the view is scrolled to, and a search over the text (every match, the current one).
/// Pure state: the pager controller draws it and moves the list's cursor to the current match.
/// </summary>
internal sealed class TextPage
{
    /// <summary>How far ← and → scroll.</summary>
    public const int SideStep = 8;

    private List<string> _lines = [];
    private List<PageLine> _shown = [];
    private int _width = 80;

    public TextPage(IReadOnlyList<string> lines) => SetLines(lines);

    /// <summary>The text's own lines.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The lines as drawn: one per line, or several per long line when wrapping.</summary>
    public IReadOnlyList<PageLine> Shown => _shown;

    public bool Wrap { get; private set; }

    /// <summary>The first column shown (always 0 when wrapping).</summary>
    public int Column { get; private set; }

    public string Query { get; private set; } = "";

    /// <summary>Every match of <see cref="Query"/>, in reading order.</summary>
    public IReadOnlyList<PageMatch> Matches { get; private set; } = [];

    /// <summary>The match the cursor is on (index into <see cref="Matches"/>), or -1.</summary>
    public int Current { get; private set; } = -1;

    /// <summary>The widest line, in columns.</summary>
    public int Widest => _lines.Count == 0 ? 0 : _lines.Max(l => l.Length);

    /// <summary>The whole text, as copied.</summary>
    public string Text => string.Join('\n', _lines);

    public void SetLines(IReadOnlyList<string> lines)
    {
        _lines = lines.Select(l => l.Replace('\t', ' ')).ToList();
        Column = 0;
        Layout();
        Search(Query);
    }

    /// <summary>The width available; re-cuts the wrapped lines when it changed.</summary>
    public void SetWidth(int width)
    {
        width = Math.Max(10, width);
        if (width != _width)
        {
            _width = width;
            Layout();
        }
    }

    public void ToggleWrap()
    {
        Wrap = !Wrap;
        Column = 0;
        Layout();
    }

    /// <summary>Scrolls sideways by <paramref name="columns"/> (no effect when wrapping); true when it moved.</summary>
    public bool Scroll(int columns)
    {
        int limit = Math.Max(0, Widest - _width + SideStep);
        int next = Wrap ? 0 : Math.Clamp(Column + columns, 0, limit);
        bool moved = next != Column;
        Column = next;
        return moved;
    }

    /// <summary>Finds every case-insensitive occurrence of <paramref name="query"/>; the first becomes current.</summary>
    public void Search(string query)
    {
        Query = query;
        var matches = new List<PageMatch>();
        if (query.Length > 0)
        {
            for (int line = 0; line < _lines.Count; line++)
            {
                int at = 0;
                while ((at = _lines[line].IndexOf(query, at, StringComparison.OrdinalIgnoreCase)) >= 0)
                {
                    matches.Add(new PageMatch(line, at, query.Length));
                    at += query.Length;
                }
            }
        }

        Matches = matches;
        Current = matches.Count > 0 ? 0 : -1;
        Reveal();
    }

    /// <summary>The first match at or after shown line <paramref name="from"/> becomes current (wrapping around).</summary>
    public void SearchFrom(int from)
    {
        if (Matches.Count == 0)
        {
            return;
        }

        int index = -1;
        for (int i = 0; i < Matches.Count; i++)
        {
            if (ShownIndexOf(Matches[i]) >= from)
            {
                index = i;
                break;
            }
        }

        Current = index < 0 ? 0 : index;
        Reveal();
    }

    /// <summary>n (forward) or N (backward): the next match becomes current, wrapping around.</summary>
    public void Step(int direction)
    {
        if (Matches.Count == 0)
        {
            return;
        }

        Current = ((Current + direction) % Matches.Count + Matches.Count) % Matches.Count;
        Reveal();
    }

    /// <summary>The shown line holding the start of <paramref name="match"/>.</summary>
    public int ShownIndexOf(PageMatch match)
    {
        for (int i = 0; i < _shown.Count; i++)
        {
            var shown = _shown[i];
            if (shown.Line == match.Line && match.Start >= shown.Start && (match.Start < shown.Start + shown.Text.Length || shown.Text.Length == 0))
            {
                return i;
            }

            if (shown.Line > match.Line)
            {
                return Math.Max(0, i - 1);
            }
        }

        return Math.Max(0, _shown.Count - 1);
    }

    /// <summary>"match k of n", "no match", or "" when not searching.</summary>
    public string MatchText => Query.Length == 0
        ? ""
        : Matches.Count == 0
            ? $"no match for \"{Query}\""
            : string.Create(CultureInfo.InvariantCulture, $"match {Current + 1} of {Matches.Count} for \"{Query}\"");

    /// <summary>How a column of a shown line is marked: 0 none, 1 a match, 2 the current match.</summary>
    public int MarkAt(PageLine shown, int column)
    {
        if (Matches.Count == 0)
        {
            return 0;
        }

        int at = shown.Start + column;
        int mark = 0;
        for (int i = 0; i < Matches.Count; i++)
        {
            var m = Matches[i];
            if (m.Line == shown.Line && at >= m.Start && at < m.Start + m.Length)
            {
                mark = i == Current ? 2 : Math.Max(mark, 1);
            }
        }

        return mark;
    }

    /// <summary>Scrolls sideways so the current match is in view (when not wrapping).</summary>
    private void Reveal()
    {
        if (Wrap || Current < 0)
        {
            return;
        }

        var match = Matches[Current];
        if (match.Start < Column || match.Start + match.Length > Column + _width)
        {
            Column = Math.Max(0, match.Start - (_width / 4));
        }
    }

    private void Layout()
    {
        var shown = new List<PageLine>(_lines.Count);
        for (int i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (!Wrap || line.Length <= _width && TextWidth.Of(line) <= _width)
            {
                shown.Add(new PageLine(i, 0, line));
                continue;
            }

            // Cut by columns (a wide character takes two), at least one character (a pair of surrogates) a row.
            for (int start = 0; start < line.Length;)
            {
                int take = TextWidth.RowLength(line.AsSpan(start), _width);
                shown.Add(new PageLine(i, start, line.Substring(start, take)));
                start += take;
            }
        }

        _shown = shown;
    }
}
