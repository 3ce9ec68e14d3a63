using System.Text;
using Terminal.Gui.Text;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// How many terminal columns text takes, as Terminal.Gui counts them (a CJK character or an emoji takes two, a combining
/// mark none): rows lay out titles and queries by columns, not characters, so a wide title does not push the status
/// off the row. The library's measure allocates per call; a character of the BMP is measured once.
/// </summary>
internal static class TextWidth
{
    // Per character of the BMP: its columns plus one (0: not measured yet).
    private static readonly byte[] Known = new byte[0x10000];

    /// <summary>
    /// The columns <paramref name="rune"/> takes (0, 1 or 2); control characters and bidirectional controls count one
    /// (they are shown as a symbol, see <see cref="IsBidiControl"/>).
    /// </summary>
    public static int Of(Rune rune)
    {
        if (rune.Value is >= 0x20 and < 0x7F || IsBidiControl(rune))
        {
            return 1;
        }

        if (!rune.IsBmp)
        {
            return Math.Clamp(rune.GetColumns(), 0, 2);
        }

        ref byte known = ref Known[rune.Value];
        if (known == 0)
        {
            known = (byte)(Math.Clamp(char.IsControl((char)rune.Value) ? 1 : rune.GetColumns(), 0, 2) + 1);
        }

        return known - 1;
    }

    /// <summary>The columns <paramref name="text"/> takes.</summary>
    public static int Of(ReadOnlySpan<char> text)
    {
        int columns = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            columns += Of(rune);
        }

        return columns;
    }

    /// <summary>The length (in chars) of the longest start of <paramref name="text"/> that fits in <paramref name="columns"/>.</summary>
    public static int FitFromStart(ReadOnlySpan<char> text, int columns)
    {
        int used = 0;
        int length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            used += Of(rune);
            if (used > columns)
            {
                break;
            }

            length += rune.Utf16SequenceLength;
        }

        return length;
    }

    /// <summary>
    /// The length (in chars) of the next row of <paramref name="text"/> cut at <paramref name="columns"/>: what fits, but
    /// at least the first character, so a row narrower than a wide character still moves on.
    /// </summary>
    public static int RowLength(ReadOnlySpan<char> text, int columns)
    {
        int fit = FitFromStart(text, columns);
        return fit > 0 || text.IsEmpty ? fit : char.IsHighSurrogate(text[0]) && text.Length > 1 ? 2 : 1;
    }

    /// <summary>The length (in chars) of the longest end of <paramref name="text"/> that fits in <paramref name="columns"/>.</summary>
    public static int FitFromEnd(ReadOnlySpan<char> text, int columns)
    {
        int used = 0;
        int length = 0;
        var rest = text;
        while (rest.Length > 0)
        {
            // Invalid UTF-16 (a lone surrogate) decodes as the replacement character, one char long.
            _ = Rune.DecodeLastFromUtf16(rest, out var rune, out int consumed);
            used += Of(rune);
            if (used > columns)
            {
                break;
            }

            length += consumed;
            rest = rest[..^consumed];
        }

        return length;
    }

    /// <summary>
    /// The bidirectional embedding, override and isolate controls and marks. Text from a history (a title, a query, a
    /// tool result) is input: in a terminal that reorders text these would show it in another order than stored (an id
    /// or a command read backwards), so the workbench paints them as U+FFFD, as the CLI writes them escaped.
    /// </summary>
    public static bool IsBidiControl(Rune rune) =>
        rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or 0x200E or 0x200F or 0x061C;
}
