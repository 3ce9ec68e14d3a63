using System.Text;
using Terminal.Gui.App;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Copies text two ways: an OSC 52 sequence (reaches the user's clipboard through SSH and tmux) and Terminal.Gui's
/// clipboard (xclip & co., else an in-process fallback).
/// </summary>
internal sealed class ClipboardCopier(ITerminalOutput output, Func<IClipboard?> clipboard)
{
    /// <summary><c>ESC ]52;c;&lt;base64&gt; BEL</c>.</summary>
    public static string Osc52(string text) => $"\u001b]52;c;{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\u0007";

    public void Copy(string text)
    {
        output.WriteRaw(Osc52(text));
        try
        {
            clipboard()?.TrySetClipboardData(text);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException)
        {
            // OSC 52 already went out; a missing system clipboard tool is not an error.
        }
    }
}
