using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

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
