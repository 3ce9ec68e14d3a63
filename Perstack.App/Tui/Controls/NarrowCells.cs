using System.Text;
using Terminal.Gui.Text;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Characters one column wide that print as themselves, as Terminal.Gui counts and prints them: the cells
/// <see cref="RowPainter"/> writes and compares itself, and the rows the driver's frame output writes itself (the
/// library measures every other cell again). Each character of the BMP is asked of the library once (its measure
/// allocates).
/// </summary>
internal static class NarrowCells
{
    // Per character of the BMP: the text a cell holds for it, or NotNarrow.
    private static readonly string?[] Texts = new string?[0x10000];
    private const string NotNarrow = "";

    /// <summary>
    /// The text a cell holds for <paramref name="rune"/> (one character, in the NFC form Cell.Grapheme keeps), or null
    /// when the rune is not one column wide or does not print as itself.
    /// </summary>
    public static string? TextOf(Rune rune)
    {
        if (!rune.IsBmp || char.IsSurrogate((char)rune.Value) || char.IsControl((char)rune.Value))
        {
            return null;
        }

        ref string? text = ref Texts[rune.Value];
        if (text is null)
        {
            var shown = rune.ToString().Normalize(NormalizationForm.FormC);
            text = rune.Value is >= 0x20 and < 0x7F || (rune.GetColumns() == 1 && shown.Length == 1 && shown.MakePrintable() == shown) ? shown : NotNarrow;
        }

        return ReferenceEquals(text, NotNarrow) ? null : text;
    }

    /// <summary>Whether a cell holding <paramref name="grapheme"/> shows one narrow character.</summary>
    public static bool Holds(string? grapheme) => grapheme is { Length: 1 } g && !char.IsSurrogate(g[0]) && TextOf(new Rune(g[0])) is not null;
}
