using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>A status bar generated from the screen's key table, wrapped over its height; its text is shown as written (<see cref="NoHotKey"/>).</summary>
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
        NoHotKey.Apply(this);
        FrameChanged += (_, _) => Reflow();
    }

    /// <summary>
    /// Wraps the hints over the bar's lines; when they do not fit, the navigation hint (first, and the keys people know)
    /// gives way so every key of the screen is still offered.
    /// </summary>
    private void Reflow()
    {
        int width = Math.Max(20, Frame.Width);
        var parts = _hints.Split("  ");
        var lines = Wrap(parts, width);
        if (lines.Count > Math.Max(1, Frame.Height) && parts.Length > 1 && parts[0].StartsWith('↑'))
        {
            lines = Wrap(parts[1..], width);
        }

        var text = string.Join('\n', lines);
        if (text != Text)
        {
            Text = text;
        }
    }

    private static List<string> Wrap(IEnumerable<string> parts, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var part in parts)
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
