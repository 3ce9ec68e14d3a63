using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Controls;

/// <summary>A piece of a drawn row: its text, an optional colour, and whether the filter matched it (drawn bold and underlined).</summary>
internal readonly record struct RowSegment(string Text, Color? Color = null, bool Matched = false)
{
    /// <summary>
    /// <paramref name="text"/> cut into matched and unmatched segments for the filter's <paramref name="words"/>
    /// (see <see cref="FuzzyMatch"/>), all in <paramref name="color"/>.
    /// </summary>
    public static IEnumerable<RowSegment> Highlight(string text, IReadOnlyList<string> words, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 || text.Length == 0)
        {
            yield return new(text, color);
            yield break;
        }

        var marks = new bool[text.Length];
        foreach (var word in words)
        {
            FuzzyMatch.Mark(text, word, marks);
        }

        foreach (var segment in Split(text, marks, color))
        {
            yield return segment;
        }
    }

    /// <summary>
    /// <paramref name="text"/> cut into runs of marked and unmarked characters (<paramref name="marks"/> has one flag per
    /// character), all in <paramref name="color"/>.
    /// </summary>
    public static IEnumerable<RowSegment> Split(string text, bool[] marks, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(marks);
        if (text.Length == 0)
        {
            yield break;
        }

        int start = 0;
        for (int i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || marks[i] != marks[start])
            {
                yield return new(text[start..i], color, marks[start]);
                start = i;
            }
        }
    }
}
