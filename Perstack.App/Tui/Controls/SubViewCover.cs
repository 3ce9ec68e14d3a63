using System.Drawing;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Whether a container's visible subviews cover every cell of its viewport. Such a container need not be cleared
/// before it draws: each subview paints its whole frame (its adornments their thickness, its viewport cleared or, for
/// <see cref="BrowserList"/> and <see cref="PreviewPane"/>, painted cell by cell), so the clear is painted over in the
/// same frame. Terminal.Gui's clear costs as much per cell as a paint; the workbench window and a browsing screen
/// cleared every cell of the terminal twice before the first Job row was drawn.
/// </summary>
internal static class SubViewCover
{
    public static bool Covers(View container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var viewport = container.Viewport;
        int width = viewport.Width, height = viewport.Height;
        if (width <= 0 || height <= 0)
        {
            return true;
        }

        // Per row, the columns covered so far: a container holds a few subviews, a row at most a few hundred cells.
        var covered = new bool[width * height];
        int left = width * height;
        foreach (var sub in container.SubViews)
        {
            if (!sub.Visible || sub.ViewportSettings.HasFlag(ViewportSettingsFlags.Transparent))
            {
                continue;
            }

            var area = Rectangle.Intersect(sub.Frame, viewport);
            for (int y = area.Top; y < area.Bottom; y++)
            {
                int row = (y - viewport.Y) * width - viewport.X;
                for (int x = area.Left; x < area.Right; x++)
                {
                    if (!covered[row + x])
                    {
                        covered[row + x] = true;
                        left--;
                    }
                }
            }
        }

        return left == 0;
    }
}
