using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

using Perstack.App.Tui.Controls;

namespace Perstack.App.Tui.Screens.EventDetail;

/// <summary>Pretty JSON lines drawn with syntax colours (keys, strings, numbers, literals).</summary>
internal sealed class JsonSource(IReadOnlyList<string> lines) : IListDataSource
{
    public IReadOnlyList<string> Lines => lines;

    public int Count => lines.Count;

    public int MaxItemLength => lines.Count == 0 ? 0 : lines.Max(l => l.Length);

    public bool SuspendCollectionChangedEvent { get; set; }

#pragma warning disable CS0067 // Immutable source.
    public event NotifyCollectionChangedEventHandler? CollectionChanged;
#pragma warning restore CS0067

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

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX)
    {
        ArgumentNullException.ThrowIfNull(listView);
        var line = RowSource<string>.Fit(lines[item], viewportX, width);
        var kinds = Classify(lines[item]);
        var background = listView.GetCurrentAttribute().Background;
        listView.Move(col, row);
        for (int i = 0; i < line.Length; i++)
        {
            int source = i + viewportX;
            var kind = source < kinds.Length ? kinds[source] : JsonToken.Punctuation;
            if (!selected)
            {
                listView.SetAttribute(new Terminal.Gui.Drawing.Attribute(ColorOf(kind), background));
            }

            listView.AddRune(line[i]);
        }
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool markMultiple) => false;

    public IList ToList() => lines.ToList();

    public void Dispose()
    {
    }
}
