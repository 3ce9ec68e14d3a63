namespace Perstack.App.Tui.Controls;

/// <summary>Fitting free text (titles, queries) into a width. Ids are never passed here: they are shown whole or not at all.</summary>
internal static class TextFit
{
    /// <summary>
    /// One line of <paramref name="text"/> (line breaks and tabs as spaces), cut in the middle with "…" to
    /// <paramref name="width"/> columns (<see cref="TextWidth"/>: a wide character takes two).
    /// </summary>
    public static string Middle(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = OneLine(text);
        if (TextWidth.Of(line) <= width)
        {
            return line;
        }

        if (width <= 1)
        {
            return width == 1 ? "…" : "";
        }

        int head = width / 2;
        int tail = width - 1 - head;
        return $"{line[..TextWidth.FitFromStart(line, head)]}…{line[^TextWidth.FitFromEnd(line, tail)..]}";
    }

    /// <summary><paramref name="text"/> on one line: runs of whitespace become one space.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary><paramref name="text"/>'s lines wrapped at spaces to <paramref name="width"/> columns (a longer word is cut; a wide character takes two).</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var rest = paragraph.TrimEnd();
            var indent = Math.Min(rest.Length - rest.TrimStart().Length, width / 2);
            while (TextWidth.RowLength(rest, width) is var fit && fit < rest.Length)
            {
                int cut = rest.LastIndexOf(' ', fit, Math.Max(0, fit - indent));
                if (cut <= indent)
                {
                    cut = fit;
                }

                lines.Add(rest[..cut].TrimEnd());
                rest = new string(' ', indent) + rest[cut..].TrimStart();
                if (rest.Length <= indent)
                {
                    rest = "";
                }
            }

            lines.Add(rest);
        }

        return lines;
    }
}
