using System.Text;
using FluentAssertions;
using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.Tests.App.Tui.Controls;

/// <summary>The pager's rows on screen: every character of a wrapped line shows, wide ones included.</summary>
public sealed class PageSourceTests
{
    private IApplication? _app;

    [TearDown]
    public void TearDown() => _app?.Dispose();

    [Test]
    public void A_wrapped_line_of_wide_characters_shows_every_character_once()
    {
        const string text = "日本語のテキストを表示する、絵文字🎉も";
        var page = new TextPage([text]);
        page.SetWidth(10);
        page.ToggleWrap();

        var rows = Screen(page, width: 10, height: 6);

        string.Concat(rows.Take(page.Shown.Count)).Should().Be(text);
        rows.Take(page.Shown.Count).Should().AllSatisfy(row => TextWidth.Of(row).Should().BeLessThanOrEqualTo(10));
    }

    // The list's rows as the screen shows them (a wide character's second cell is not read).
    private List<string> Screen(TextPage page, int width, int height)
    {
        _app = Application.Create(new VirtualTimeProvider());
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(width, height);
        var list = new BrowserList(_ => false) { X = 0, Y = 0, Width = width, Height = height };
        list.Source = new PageSource(page, line => Enumerable.Repeat(new Color(ColorName16.White), line.Length).ToArray());
        var top = new Runnable { Width = Dim.Fill(), Height = Dim.Fill() };
        top.Add(list);
        _app.Begin(top);
        _app.LayoutAndDraw();

        var contents = _app.Driver.Contents!;
        var rows = new List<string>();
        for (int y = 0; y < height; y++)
        {
            var row = new StringBuilder();
            for (int x = 0; x < width; x++)
            {
                var grapheme = contents[y, x].Grapheme;
                row.Append(grapheme);
                if (TextWidth.Of(grapheme) == 2)
                {
                    x++;
                }
            }

            rows.Add(row.ToString().TrimEnd());
        }

        return rows;
    }
}
