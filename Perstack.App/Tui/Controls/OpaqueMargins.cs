using System.Runtime.CompilerServices;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// Gives the views of a tree margins that are not transparent where they have no thickness, for the views there and
/// those added later. Terminal.Gui makes every view's margin transparent, and at the end of each view's draw, in every
/// pass and also for a view that had nothing to draw, a view with a transparent adornment has its frame built as a
/// region of its margin, border, padding and viewport, merged (through LINQ grouping and sorting) and taken out of the
/// clip; a view without one takes its frame out of the clip as one rectangle (<c>View.DoDrawComplete</c>). A margin
/// of no thickness shows nothing, so the two give the same clip: the merging was a third of the main thread's work
/// for a key, and most of what it allocated. A margin that has a thickness (a shadow) keeps its transparency, and
/// gets it back if it gains a thickness later.
/// </summary>
internal static class OpaqueMargins
{
    // The views already seen (a view removed and added again is not given a second handler).
    private static readonly ConditionalWeakTable<View, object> Seen = [];

    /// <summary>Applies to <paramref name="root"/>, its subviews, and the subviews added to any of them from now on.</summary>
    public static void Apply(View? root)
    {
        if (root is null || !Seen.TryAdd(root, Seen))
        {
            return;
        }

        ApplyOne(root);
        root.SubViewAdded += (_, e) => Apply(e.SubView);
        foreach (var view in root.SubViews)
        {
            Apply(view);
        }
    }

    private static void ApplyOne(View view)
    {
        var margin = view.Margin;
        if (margin.Thickness == Thickness.Empty)
        {
            margin.ViewportSettings &= ~ViewportSettingsFlags.Transparent;
            margin.ThicknessChanged += (_, _) =>
            {
                if (margin.Thickness != Thickness.Empty)
                {
                    margin.ViewportSettings |= ViewportSettingsFlags.Transparent;
                }
            };
        }
    }
}
