using FluentAssertions;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// Margins without a thickness are made opaque, in the tree and in views added later, and the screen is the same as with
/// the library's transparent margins: overlapping framed views, drawn and redrawn.
/// </summary>
public sealed class OpaqueMarginsTests
{
    private readonly List<IApplication> _apps = [];

    [TearDown]
    public void TearDown() => _apps.ForEach(app => app.Dispose());

    [Test]
    public void Margins_without_a_thickness_are_opaque_also_in_views_added_later()
    {
        var root = new View();
        var child = new View();
        root.Add(child);
        OpaqueMargins.Apply(root);

        var later = new View();
        var grandchild = new View();
        later.Add(grandchild);
        child.Add(later);

        foreach (var view in new[] { root, child, later, grandchild })
        {
            view.Margin.ViewportSettings.HasFlag(ViewportSettingsFlags.Transparent).Should().BeFalse();
        }

        root.Dispose();
    }

    [Test]
    public void A_margin_with_a_thickness_stays_transparent_and_one_that_gains_a_thickness_becomes_so()
    {
        var root = new View();
        var shadowed = new View();
        shadowed.Margin.Thickness = new Thickness(0, 0, 1, 1);
        var plain = new View();
        root.Add(shadowed, plain);

        OpaqueMargins.Apply(root);
        plain.Margin.Thickness = new Thickness(1);

        shadowed.Margin.ViewportSettings.HasFlag(ViewportSettingsFlags.Transparent).Should().BeTrue();
        plain.Margin.ViewportSettings.HasFlag(ViewportSettingsFlags.Transparent).Should().BeTrue();
        root.Dispose();
    }

    [Test]
    public void The_screen_is_the_one_the_library_draws_with_transparent_margins()
    {
        var (opaque, opaqueLabel) = Screen(applied: true);
        var (library, libraryLabel) = Screen(applied: false);
        Contents(opaque).Should().Equal(Contents(library));

        // A label partly under the overlapping frame changes: only what shows of it is drawn, in both.
        opaqueLabel.Text = libraryLabel.Text = "changed text that runs under the frame on top of it";
        opaque.LayoutAndDraw();
        library.LayoutAndDraw();

        Contents(opaque).Should().Equal(Contents(library));
        Text(opaque).Should().Contain(row => row.Contains("changed text", StringComparison.Ordinal));
    }

    // Two framed views, the second overlapping the first, in a window on a 50x12 screen.
    private (IApplication App, Label Label) Screen(bool applied)
    {
        var app = Application.Create(new VirtualTimeProvider());
        _apps.Add(app);
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(50, 12);
        var label = new Label { X = 0, Y = 1, Text = "a label inside the first frame" };
        var first = new FrameView { X = 1, Y = 1, Width = 36, Height = 6, Title = "first" };
        first.Add(label);
        var second = new FrameView { X = 20, Y = 3, Width = 24, Height = 6, Title = "second" };
        second.Add(new Label { Text = "on top" });
        var top = new Window { Width = Dim.Fill(), Height = Dim.Fill(), Title = "window" };
        top.Add(first, second);
        if (applied)
        {
            OpaqueMargins.Apply(top);
        }

        app.Begin(top);
        app.LayoutAndDraw();
        return (app, label);
    }

    private static string[] Text(IApplication app)
    {
        var contents = app.Driver!.Contents!;
        return Enumerable.Range(0, contents.GetLength(0))
            .Select(y => string.Concat(Enumerable.Range(0, contents.GetLength(1)).Select(x => contents[y, x].Grapheme)))
            .ToArray();
    }

    // Each row's cells: character and colours.
    private static string[] Contents(IApplication app)
    {
        var contents = app.Driver!.Contents!;
        return Enumerable.Range(0, contents.GetLength(0))
            .Select(y => string.Concat(Enumerable.Range(0, contents.GetLength(1)).Select(x => $"{contents[y, x].Grapheme}{contents[y, x].Attribute.GetHashCode():x}")))
            .ToArray();
    }
}
