using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>The screen's cells as text, for comparing what an early write left with what a pass or a full redraw draws.</summary>
internal static class ScreenCells
{
    /// <summary>Every cell's character and attribute, a line per row.</summary>
    public static string Snapshot(Cell[,] contents)
    {
        var text = new System.Text.StringBuilder();
        for (int row = 0; row < contents.GetLength(0); row++)
        {
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                text.Append(contents[row, col].Grapheme).Append('\u0001').Append(AttributeText(contents[row, col].Attribute)).Append('\u0002');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The rows of a snapshot under <paramref name="list"/>'s viewport, those cells only.</summary>
    public static string ListArea(string snapshot, View list)
    {
        var area = list.ViewportToScreen();
        return string.Join('\n', snapshot.Split('\n').Skip(area.Y).Take(area.Height)
            .Select(line => string.Concat(line.Split('\u0002').Skip(area.X).Take(area.Width))));
    }

    /// <summary>The job id in a row ("… (id) …").</summary>
    public static string IdIn(string row) => row[(row.IndexOf('(', StringComparison.Ordinal) + 1)..row.IndexOf(')', StringComparison.Ordinal)];

    private static string AttributeText(Terminal.Gui.Drawing.Attribute? attribute) =>
        attribute is { } a ? $"{a.Foreground.Argb:x}/{a.Background.Argb:x}/{a.Style}" : "none";
}
