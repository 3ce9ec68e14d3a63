using System.Drawing;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Echoes a list move to the terminal as soon as the key has been handled: when the key left the focused list with
/// only its selection moved or its rows scrolled (<see cref="PaintedListView.PaintMove"/>), the rows that changed are
/// painted and written at once, before Terminal.Gui's pass lays out and draws the whole window (which then finds those
/// cells unchanged and writes the rest, the preview of the new row for one). That pass took most of a keystroke's time
/// (0.5 of the 0.9 ms a key took inside tmux, against `less`'s 0.02 ms); the row under the cursor no longer waits for it.
/// Only where nothing can cover the list: it is focused in the top window, no popover is open, no view drawn over it
/// overlaps it, the screen is not about to be cleared; and only for the last key queued (a burst is drawn once, by the
/// pass). The pass stays the one source of the screen: whatever the echo wrote, the pass draws again if it differs.
/// </summary>
internal static class SelectionEcho
{
    /// <summary>
    /// Echoes list moves from now on (after the application's own key handling: call after its Init);
    /// <paramref name="echoed"/> runs after each echo, before the pass.
    /// </summary>
    public static void Attach(IApplication app, Action? echoed = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Driver is { } driver)
        {
            driver.KeyDown += (_, _) =>
            {
                if (TryWrite(app))
                {
                    echoed?.Invoke();
                }
            };
        }
    }

    /// <summary>Paints and writes the focused list's moved rows now, if it may (see the class summary); true when it did.</summary>
    public static bool TryWrite(IApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Driver is not { } driver || MoreInputQueued(driver) || UncoveredList(app, driver) is not { } list)
        {
            return false;
        }

        var area = ScreenArea(list, driver);
        var clip = driver.Clip;
        bool painted;
        try
        {
            driver.Clip = new Region(area);
            painted = list.PaintMove();
        }
        finally
        {
            driver.Clip = clip;
        }

        if (painted)
        {
            driver.Refresh();
            // The terminal (tmux, a terminal emulator) learns of the write from a kernel worker, and often shares this core:
            // without a turn given here it waited until the pass that follows was done, and the echo came no sooner.
            Thread.Yield();
        }

        return painted;
    }

    /// <summary>
    /// The focused list, when nothing can cover it (see the class summary) and part of it is on screen; else null.
    /// </summary>
    internal static PaintedListView? UncoveredList(IApplication app, IDriver driver)
    {
        if (app.AppModel != AppModel.FullScreen || app.ClearScreenNextIteration || app.Popovers?.GetActivePopover() is View { Visible: true }
            || app.TopRunnableView?.MostFocused is not PaintedListView list || IsCovered(list) || ScreenArea(list, driver).IsEmpty)
        {
            return null;
        }

        return list;
    }

    /// <summary>The part of the screen the list's viewport covers.</summary>
    internal static Rectangle ScreenArea(View list, IDriver driver) =>
        Rectangle.Intersect(list.ViewportToScreen(new Rectangle(Point.Empty, list.Viewport.Size)), new Rectangle(Point.Empty, driver.Screen.Size));

    // More keys waiting (a burst, a paste): the pass after them draws them together.
    private static bool MoreInputQueued(IDriver driver) =>
        driver.GetInputProcessor() is InputProcessorImpl<char> processor && !processor.InputQueue.IsEmpty;

    // Whether a view drawn after the list (a later subview of it or of any view it sits in) overlaps it (the library draws
    // later subviews over earlier ones), or a view it sits in is to be drawn again.
    internal static bool IsCovered(View list)
    {
        for (View child = list; child.SuperView is { } parent; child = parent)
        {
            // Hidden, or drawn again as a whole (shown again, resized, uncovered: what the list last painted may be gone).
            if (!child.Visible || parent.NeedsDraw)
            {
                return true;
            }

            bool later = false;
            foreach (var sibling in parent.SubViews)
            {
                if (later && sibling.Visible && sibling.Frame.IntersectsWith(child.Frame))
                {
                    return true;
                }

                later |= ReferenceEquals(sibling, child);
            }
        }

        return list.SubViews.Any(sub => sub.Visible);
    }
}
