using System.Text;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Turns Terminal.Gui's hotkey mark off for a view's text and title. By default the first <c>_</c> marks a hotkey and
/// is hidden, which turns <c>ANTHROPIC_API_KEY</c> into <c>ANTHROPICAPI_KEY</c> and <c>my_expert</c> into
/// <c>myexpert</c>: every view showing ids, expert keys, titles or messages must show them as written.
/// </summary>
internal static class NoHotKey
{
    // (Rune)0xffff turns hotkeys off (Terminal.Gui's documented value); it cannot occur in text (a noncharacter).
    private static readonly Rune Off = new(0xffff);

    /// <summary>Shows <paramref name="view"/>'s text and title literally (the view's specifier also rules its title); returns it.</summary>
    public static T Apply<T>(T view)
        where T : View
    {
        ArgumentNullException.ThrowIfNull(view);
        view.HotKeySpecifier = Off;
        view.TextFormatter.HotKeySpecifier = Off;
        return view;
    }
}
