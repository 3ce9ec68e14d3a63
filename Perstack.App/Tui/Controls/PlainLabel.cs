using System.Text;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A label that shows its text as written: a plain <see cref="Label"/> takes the first <c>_</c> for a hotkey mark and
/// hides it, which turns <c>ANTHROPIC_API_KEY</c> into <c>ANTHROPICAPI_KEY</c> and mangles expert keys.
/// </summary>
internal sealed class PlainLabel : Label
{
    // (Rune)0xffff turns hotkeys off (Terminal.Gui's documented value).
    private static readonly Rune NoHotKey = new(0xffff);

    public PlainLabel()
    {
        HotKeySpecifier = NoHotKey;
        TextFormatter.HotKeySpecifier = NoHotKey;
    }
}
