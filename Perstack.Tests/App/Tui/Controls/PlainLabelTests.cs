using FluentAssertions;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>
/// A plain label paints what Terminal.Gui's label shows for the same text, cell for cell (character and colour), and
/// leaves alone the cells that already show it, so a redrawn status line sends only what changed.
/// </summary>
public sealed class PlainLabelTests
{
    private IApplication? _app;

    [TearDown]
    public void TearDown() => _app?.Dispose();

    [TestCase("job_id l0l1 · ✓ completed · 3 min ago")]
    [TestCase("first line\nsecond_line with an underscore\nthird line past the label's height")]
    [TestCase("tab\tstop")]
    [TestCase("a line far longer than the label is wide, so it is cut at the right edge and nothing past it shows at all, ever")]
    [TestCase("emoji 🎉 and wide 日本語 then text")]
    [TestCase("escape \u001b[2J and bell \u0007 shown, not obeyed")]
    [TestCase("windows\r\nline ends")]
    [TestCase("")]
    [TestCase("combining e\u0301\u0301\u0301 and a\u0308 marks, then the rest of the line")]
    [TestCase("a wide character cut by the right edge ................................日本")]
    public void Shows_what_the_library_label_shows(string text)
    {
        var (plain, library) = Labels(text, height: 2);

        Cells(plain).Should().Equal(Cells(library));
    }

    [Test]
    public void A_changed_text_is_not_copied_into_a_title_to_be_measured()
    {
        var (plain, library) = Labels("status", height: 1);

        plain.Text = library.Text = "job_l0l1 · ✓ completed";
        _app!.LayoutAndDraw();

        library.Title.Should().Be(library.Text, "the library's label keeps its text as its title, for a hot key");
        plain.Title.Should().BeEmpty();
        Cells(plain).Should().Equal(Cells(library));
    }

    [Test]
    public void A_bidirectional_override_from_a_history_is_shown_as_a_replacement_character()
    {
        var (plain, _) = Labels("title: \u202Edi_boj\u202C and \u2066isolated\u2069", height: 1);

        var shown = string.Concat(Cells(plain).Select(c => c.Split('|')[0]));

        shown.Should().StartWith("title: \uFFFDdi_boj\uFFFD and \uFFFDisolated\uFFFD");
        shown.Should().NotContainAny("\u202E", "\u202C", "\u2066", "\u2069");
    }

    [Test]
    public void Word_wrap_is_left_to_the_library()
    {
        var (plain, library) = Labels("words that wrap over the second line, long enough to need it, of a narrow label", height: 2, wrap: true);

        Cells(plain).Should().Equal(Cells(library));
        string.Concat(Cells(plain).Skip(60).Select(cell => cell[..cell.IndexOf('|', StringComparison.Ordinal)])).Should().StartWith("it, of a narrow label", "the library wrapped it");
    }

    [Test]
    public void Redrawn_with_a_changed_text_it_paints_only_the_cells_that_changed()
    {
        var (plain, _) = Labels("status: running · step 3", height: 1);
        Dirty(plain).Should().BeEmpty("the frame has been sent");

        plain.Text = "status: running · step 4";
        plain.Draw();

        // The library's path for the changed character also marks the cell after it.
        Dirty(plain).Should().Equal("4", " ");
        DirtyColumns(plain).Should().Equal(23, 24);
    }

    // A plain label on row 0 and the library's label on row 2 of a 60-column screen, drawn and sent.
    private (PlainLabel Plain, Label Library) Labels(string text, int height, bool wrap = false)
    {
        _app = Application.Create(new VirtualTimeProvider());
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(60, 6);
        var plain = new PlainLabel { X = 0, Y = 0, Width = 60, Height = height, Text = text };
        var library = NoHotKey.Apply(new Label { X = 0, Y = 3, Width = 60, Height = height, Text = text });
        plain.TextFormatter.WordWrap = wrap;
        library.TextFormatter.WordWrap = wrap;
        var top = new Runnable { Width = Dim.Fill(), Height = Dim.Fill() };
        top.Add(plain, library);
        _app.Begin(top);
        _app.LayoutAndDraw();
        return (plain, library);
    }

    // Each cell of the label's viewport: its character and colours.
    private static string[] Cells(View label)
    {
        var contents = label.App!.Driver!.Contents!;
        var area = label.ViewportToScreen();
        return Enumerable.Range(area.Y, area.Height)
            .SelectMany(y => Enumerable.Range(area.X, area.Width).Select(x => $"{contents[y, x].Grapheme}|{contents[y, x].Attribute}"))
            .ToArray();
    }

    private static int[] DirtyColumns(View label)
    {
        var contents = label.App!.Driver!.Contents!;
        var area = label.ViewportToScreen();
        return Enumerable.Range(area.X, area.Width).Where(x => contents[area.Y, x].IsDirty).ToArray();
    }

    // The characters of the label's cells painted since the frame was sent.
    private static string[] Dirty(View label)
    {
        var contents = label.App!.Driver!.Contents!;
        var area = label.ViewportToScreen();
        return Enumerable.Range(area.Y, area.Height)
            .SelectMany(y => Enumerable.Range(area.X, area.Width).Where(x => contents[y, x].IsDirty).Select(x => contents[y, x].Grapheme ?? ""))
            .ToArray();
    }
}
