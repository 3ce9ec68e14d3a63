using Perstack.App.Tui.Controls;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The bottom lines of the workbench under every screen but the execution panel (which has its own status and keys):
/// the message line (what the last key did, or why it was refused) above the keys of the screen showing.
/// </summary>
internal sealed class Footer
{
    /// <summary>The message line and the two lines of hints.</summary>
    private const int Lines = 3;

    public PlainLabel MessageLine { get; } = new() { X = 0, Y = Pos.AnchorEnd(Lines), Width = Dim.Fill(), Height = 1 };

    public HintBar Hints { get; } = new() { X = 0, Y = Pos.AnchorEnd(Lines - 1), Width = Dim.Fill(), Height = Lines - 1 };

    public string Message => MessageLine.Text ?? "";

    /// <summary>Shown or hidden with the screen above it.</summary>
    public bool Visible
    {
        set => (MessageLine.Visible, Hints.Visible) = (value, value);
    }

    public void Say(string text) => MessageLine.Text = text;

    /// <summary>The keys of <paramref name="screen"/>, without those it would refuse now.</summary>
    public void ShowKeys(BrowserController screen) => Hints.Hints = KeyMap.Hints(screen.Keys, available: screen.IsAvailable);

    /// <summary>The keys of a screen without a list (query entry): nothing to scroll.</summary>
    public void ShowKeys(IReadOnlyList<KeyBind> keys) => Hints.Hints = KeyMap.Hints(keys, scrolling: false);

    /// <summary>Lays <paramref name="panel"/> over the window above the footer, hidden until its screen shows.</summary>
    public static T PlaceAbove<T>(T panel)
        where T : View
    {
        ArgumentNullException.ThrowIfNull(panel);
        panel.X = 0;
        panel.Y = 0;
        panel.Width = Dim.Fill();
        panel.Height = Dim.Fill(Lines);
        panel.Visible = false;
        return panel;
    }
}
