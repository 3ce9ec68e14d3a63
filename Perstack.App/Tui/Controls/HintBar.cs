namespace Perstack.App.Tui.Controls;

/// <summary>A status bar generated from the screen's key table, wrapped over its height; its text is shown as written and painted as <see cref="PlainLabel"/> paints.</summary>
internal sealed class HintBar : PlainLabel
{
    private IReadOnlyList<KeyHint> _hints = [];

    /// <summary>The hints shown, in their order.</summary>
    public IReadOnlyList<KeyHint> Hints
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

    /// <summary>
    /// Wraps the hints over the bar's lines; when they do not fit, the list moves (the keys people know) give way so
    /// every key of the screen is still offered; when they still do not fit (a narrow terminal), the hints give way
    /// from the right, all but the help key's, which lists every key of the screen.
    /// </summary>
    private void Reflow()
    {
        int width = Math.Max(20, Frame.Width);
        int height = Math.Max(1, Frame.Height);
        var parts = _hints.ToList();
        var lines = Wrap(parts, width);
        if (lines.Count > height && parts.Count > 1 && parts.RemoveAll(h => h.Kind == HintKind.Move) > 0)
        {
            lines = Wrap(parts, width);
        }

        for (int i = parts.Count - 1; lines.Count > height && i >= 0; i--)
        {
            if (parts[i].Kind != HintKind.Help)
            {
                parts.RemoveAt(i);
                lines = Wrap(parts, width);
            }
        }

        var text = string.Join('\n', lines);
        if (text != Text)
        {
            Text = text;
        }
    }

    private static List<string> Wrap(IEnumerable<KeyHint> hints, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var part in hints.Select(h => h.Text))
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
        return lines;
    }
}
