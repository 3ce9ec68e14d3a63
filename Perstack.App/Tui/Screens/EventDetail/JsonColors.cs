using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Screens.EventDetail;

/// <summary>The syntax colours of a pretty JSON line (keys, strings, numbers, literals).</summary>
internal static class JsonColors
{
    /// <summary>The colour of each character of <paramref name="line"/>.</summary>
    public static Color[] Of(string line) => Classify(line).Select(ColorOf).ToArray();

    /// <summary>Token kinds of a line, one per character.</summary>
    public static JsonToken[] Classify(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var kinds = new JsonToken[line.Length];
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '"')
            {
                int start = i++;
                while (i < line.Length && line[i] != '"')
                {
                    i += line[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, line.Length);
                int next = i;
                while (next < line.Length && line[next] == ' ')
                {
                    next++;
                }

                var kind = next < line.Length && line[next] == ':' ? JsonToken.Key : JsonToken.String;
                Array.Fill(kinds, kind, start, i - start);
            }
            else if (c == '-' || char.IsDigit(c))
            {
                int start = i;
                while (i < line.Length && (char.IsDigit(line[i]) || line[i] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    i++;
                }

                Array.Fill(kinds, JsonToken.Number, start, i - start);
            }
            else if (char.IsLetter(c))
            {
                int start = i;
                while (i < line.Length && char.IsLetter(line[i]))
                {
                    i++;
                }

                Array.Fill(kinds, JsonToken.Literal, start, i - start);
            }
            else
            {
                kinds[i++] = JsonToken.Punctuation;
            }
        }

        return kinds;
    }

    public static Color ColorOf(JsonToken token) => token switch
    {
        JsonToken.Key => new Color(ColorName16.Cyan),
        JsonToken.String => new Color(ColorName16.Green),
        JsonToken.Number => new Color(ColorName16.Yellow),
        JsonToken.Literal => new Color(ColorName16.Magenta),
        _ => new Color(ColorName16.Gray),
    };
}
