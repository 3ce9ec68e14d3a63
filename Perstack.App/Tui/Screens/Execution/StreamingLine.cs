using Perstack.App.Tui.Controls;
using Perstack.Core.Runtime;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The live line under the log: «Reasoning...» or «Generating...» followed by the end of the text streamed so far.
/// It disappears once the step's event lands (the text then lives in the log).
/// </summary>
internal sealed class StreamingLine : Label
{
    private string _label = "";
    private string _text = "";

    public StreamingLine()
    {
        NoHotKey.Apply(this);
        Visible = false;
        Height = 1;
    }

    /// <summary>What is shown (empty when hidden), for tests.</summary>
    public string Shown => Visible ? Text ?? "" : "";

    public void Apply(LiveStreamEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        switch (liveEvent.Kind)
        {
            case LiveStreamKind.StartStreamingReasoning:
                Open("Reasoning... ", ColorName16.Cyan);
                break;
            case LiveStreamKind.StartStreamingRunResult:
                Open("Generating... ", ColorName16.Green);
                break;
            case LiveStreamKind.StreamReasoning or LiveStreamKind.StreamRunResult:
                _text += liveEvent.Text;
                Redraw();
                break;
            default:
                Clear();
                break;
        }
    }

    public void Clear()
    {
        _text = "";
        Visible = false;
    }

    private void Open(string label, ColorName16 color)
    {
        _label = label;
        _text = "";
        SetScheme(new Scheme(new Terminal.Gui.Drawing.Attribute(color, ColorName16.Black)));
        Visible = true;
        Redraw();
    }

    /// <summary>The end of the text that fits on one line.</summary>
    private void Redraw()
    {
        // By columns (a wide character takes two): counted in characters, a reply in Japanese overflowed the line and
        // its newest words were the part cut off.
        var flat = _text.ReplaceLineEndings(" ");
        int room = Math.Max(10, Frame.Width - TextWidth.Of(_label));
        Text = _label + (TextWidth.FitFromEnd(flat, room) == flat.Length ? flat : "…" + flat[^TextWidth.FitFromEnd(flat, room - 1)..]);
        SetNeedsDraw();
    }
}
