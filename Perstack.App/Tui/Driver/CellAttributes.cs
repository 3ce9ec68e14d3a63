using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Perstack.App.Tui.Driver;

/// <summary>Comparing the attributes of screen cells, asked once per cell painted or written.</summary>
internal static class CellAttributes
{
    /// <summary>
    /// Attribute's own equality, without the generated record comparison of each of Color's overlapping fields (a
    /// tenth of a keystroke when asked per cell): the colours' four bytes and the style.
    /// </summary>
    public static bool Same(Attribute a, Attribute b) =>
        a.Foreground.Argb == b.Foreground.Argb && a.Background.Argb == b.Background.Argb && a.Style == b.Style;
}
