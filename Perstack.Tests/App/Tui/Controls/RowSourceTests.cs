using FluentAssertions;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Views;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>A row's layout is kept while the row, the width and what it may change stay the same.</summary>
public sealed class RowSourceTests
{
    [Test]
    public void A_row_is_laid_out_again_only_when_it_its_width_or_what_it_may_change_changes()
    {
        using var app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(40, 6);
        var rows = new List<Row> { new("first"), new("second") };
        var laidOut = new List<string>();
        var source = new RowSource<Row>(rows, r => r.Name, (r, width) =>
        {
            laidOut.Add($"{r.Name}/{r.Note ?? "-"}/{width}");
            return [new RowSegment($"{r.Name} {r.Note}")];
        }, r => r.Note);
        using var window = new Window();
        using var list = new PaintedList { Width = 20, Height = 2, Source = source };
        window.Add(list);
        var token = app.Begin(window);

        app.LayoutAndDraw(forceRedraw: true);
        list.SelectedItem = 1;
        app.LayoutAndDraw(forceRedraw: true);
        laidOut.Should().Equal("first/-/20", "second/-/20");

        rows[1].Note = "learnt";
        list.SetNeedsDraw();
        app.LayoutAndDraw();
        laidOut.Should().Equal("first/-/20", "second/-/20", "second/learnt/20");
        app.Driver.ToString().Should().Contain("second learnt");

        rows[0] = new Row("replaced");
        list.Width = 25;
        app.LayoutAndDraw();
        laidOut.Should().EndWith(["replaced/-/25", "second/learnt/25"]);
        app.End(token!);
    }

    private sealed class Row(string name)
    {
        public string Name { get; } = name;

        public string? Note { get; set; }
    }

    private sealed class PaintedList : PaintedListView;
}
