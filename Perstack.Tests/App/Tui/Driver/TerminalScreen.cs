using System.Text;
using Perstack.App.Tui.Controls;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// What a terminal shows after some output, for comparing two outputs by their effect: cursor moves (CSI row;col H),
/// colours and styles (SGR), links (OSC 8) and text, a wide character taking two columns. Only what Terminal.Gui's
/// frame output uses.
/// </summary>
internal sealed class TerminalScreen
{
    private readonly HashSet<int> _style = [];
    private string _foreground = "";
    private string _background = "";
    private string? _url;
    private int _row;
    private int _col;

    public TerminalScreen(int cols, int rows)
    {
        Cells = new TerminalCell[rows * cols];
        Cols = cols;
        Array.Fill(Cells, new TerminalCell(" ", "", "", "", null));
    }

    public TerminalCell[] Cells { get; }

    public int Cols { get; }

    public string Text()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Cells.Length; i++)
        {
            text.Append(Cells[i].Text);
            if (i % Cols == Cols - 1)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public void Feed(string output)
    {
        int i = 0;
        while (i < output.Length)
        {
            if (output[i] == '\u001b' && output[i + 1] == '[')
            {
                int end = i + 2;
                while (!char.IsAsciiLetter(output[end]))
                {
                    end++;
                }

                Control(output[end], output[(i + 2)..end]);
                i = end + 1;
            }
            else if (output[i] == '\u001b' && output[i + 1] == ']')
            {
                int end = output.IndexOf("\u001b\\", i, StringComparison.Ordinal);
                var link = output[(i + 2)..end].Split(';', 3); // 8;params;url
                _url = link[2].Length == 0 ? null : link[2];
                i = end + 2;
            }
            else
            {
                var rune = Rune.GetRuneAt(output, i);
                Put(rune.ToString(), TextWidth.Of(rune));
                i += rune.Utf16SequenceLength;
            }
        }
    }

    private void Control(char command, string parameters)
    {
        var values = parameters.Split(';').Select(p => p.Length == 0 ? 0 : int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (command == 'H')
        {
            _row = values[0] - 1;
            _col = values[1] - 1;
            return;
        }

        for (int k = 0; k < values.Length; k++)
        {
            switch (values[k])
            {
                case 0: _style.Clear(); _foreground = _background = ""; break;
                case 22: _style.Remove(1); _style.Remove(2); break;
                case >= 23 and <= 29: _style.Remove(values[k] - 20); break;
                case >= 1 and <= 9: _style.Add(values[k]); break;
                case 38: _foreground = string.Join(',', values[(k + 2)..(k + 5)]); k += 4; break;
                case 48: _background = string.Join(',', values[(k + 2)..(k + 5)]); k += 4; break;
                case 39: _foreground = ""; break;
                case 49: _background = ""; break;
                case >= 30 and <= 37 or >= 90 and <= 97: _foreground = values[k].ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                case >= 40 and <= 47 or >= 100 and <= 107: _background = values[k].ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new InvalidOperationException($"SGR {values[k]} not modelled");
            }
        }
    }

    private void Put(string text, int columns)
    {
        var style = string.Join(',', _style.Order());
        Cells[(_row * Cols) + _col] = new TerminalCell(text, _foreground, _background, style, _url);
        for (int c = 1; c < columns; c++)
        {
            Cells[(_row * Cols) + _col + c] = new TerminalCell("", _foreground, _background, style, _url);
        }

        _col += columns;
    }
}
