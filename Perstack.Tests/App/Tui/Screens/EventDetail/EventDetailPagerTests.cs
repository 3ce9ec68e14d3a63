using FluentAssertions;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.EventDetail;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.TestKit.Tui;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.EventDetail;

/// <summary>
/// The payload view over the TypeScript-written fixture: the askUser question in words, wrap, sideways scrolling,
/// search with n/N, copying the JSON.
/// </summary>
public sealed class EventDetailPagerTests
{
    private const string Interactive = "gf13yre28vrnvqtt96gqls80";
    private const string Asks = "askUser asks: Fake question: may I proceed?";
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    /// <summary>History → the interactive job's checkpoints → step 1's events.</summary>
    private async Task<TuiHarness> EventsOfTheInteractiveStepAsync(int width = 120, int height = 30)
    {
        _tui = await TuiHarness.StartAsync(width, height);
        await _tui.PressAsync(Key.CursorDown, Key.C);
        _tui.Rows()[1].Should().Contain(Interactive);
        // The cursor starts on the latest checkpoint; step 1 is the first row.
        await _tui.PressAsync(Key.Home, Key.E);
        _tui.Workbench.Screen.Should().Be(Screen.Events);
        return _tui;
    }

    private async Task OpenAsync(string type)
    {
        var index = Array.FindIndex(_tui!.ListRows(20), r => r.StartsWith($"[{type}]", StringComparison.Ordinal));
        index.Should().BeGreaterThanOrEqualTo(0, $"step 1 has a {type} event");
        await _tui.PressAsync(Key.Home);
        for (int i = 0; i < index; i++)
        {
            await _tui.PressAsync(Key.CursorDown);
        }

        await _tui.PressAsync(Key.Enter);
        _tui.Workbench.Screen.Should().Be(Screen.EventDetail);
    }

    [Test]
    public async Task The_events_list_and_the_payload_say_the_askUser_question_in_words()
    {
        var tui = await EventsOfTheInteractiveStepAsync();

        tui.ListRows(10).Should().Contain(r => r.StartsWith("[callInteractiveTool] Step 1 (", StringComparison.Ordinal) && r.EndsWith(Asks, StringComparison.Ordinal));

        await OpenAsync("callInteractiveTool");

        var rows = tui.Rows();
        rows[2].Should().Be("? " + Asks, "the question comes first, in words");
        tui.Screen().Should().Contain("\"toolName\": \"askUser\"", "the JSON follows it whole");
    }

    [Test]
    public async Task Slash_searches_as_you_type_highlights_the_matches_and_n_N_step_through_them()
    {
        var tui = await EventsOfTheInteractiveStepAsync();
        await OpenAsync("callInteractiveTool");
        int count = CountOf(string.Join('\n', tui.Workbench.EventDetailPage.Lines), "askuser");
        count.Should().BeGreaterThan(2);

        await tui.PressAsync(new Key('/'));
        await tui.TypeAsync("askuser");

        tui.Screen().Should().Contain($"match 1 of {count} for \"askuser\"");
        CurrentMatchCells(tui).Should().Be("askUser", "the current match is drawn on yellow");
        await tui.PressAsync(Key.Enter);
        await tui.PressAsync(Key.N);
        tui.Screen().Should().Contain($"match 2 of {count} for \"askuser\"");
        await tui.PressAsync(Key.N.WithShift, Key.N.WithShift);
        tui.Screen().Should().Contain($"match {count} of {count} for \"askuser\"", "N before the first match wraps to the last");

        await tui.PressAsync(Key.Esc);
        tui.Workbench.Screen.Should().Be(Screen.EventDetail, "Esc first clears the search");
        tui.Screen().Should().NotContain("for \"askuser\"");
        await tui.PressAsync(Key.Esc);
        tui.Workbench.Screen.Should().Be(Screen.Events);
    }

    [Test]
    public async Task A_search_with_no_match_says_so()
    {
        var tui = await EventsOfTheInteractiveStepAsync();
        await OpenAsync("callInteractiveTool");

        await tui.PressAsync(new Key('/'));
        await tui.TypeAsync("zzqq");
        await tui.PressAsync(Key.Enter, Key.N);

        tui.Screen().Should().Contain("no match for \"zzqq\"");
    }

    [Test]
    public async Task Long_lines_scroll_sideways_and_w_wraps_them_at_the_width()
    {
        var tui = await EventsOfTheInteractiveStepAsync(width: 60, height: 40);
        await OpenAsync("startRun");
        var longest = tui.Workbench.EventDetailPage.Lines.MaxBy(l => l.Length)!;
        longest.Length.Should().BeGreaterThan(80, "the startRun payload holds the instruction on one line");
        var tail = longest.TrimEnd()[^12..];
        int at = tui.Workbench.EventDetailPage.Lines.ToList().IndexOf(longest);
        await tui.PressAsync(Key.Home);
        for (int i = 0; i < at; i++)
        {
            await tui.PressAsync(Key.CursorDown);
        }

        tui.Screen().Should().NotContain(tail, "cut at the border");
        for (int i = 0; i < (longest.Length / TextPage.SideStep) + 1; i++)
        {
            await tui.PressAsync(Key.CursorRight);
        }

        tui.Screen().Should().Contain(tail, "→ scrolls to the end of the line");
        tui.Workbench.EventDetailPage.Column.Should().BeGreaterThan(longest.Length - 60);
        await tui.PressAsync(Key.CursorLeft);
        tui.Workbench.EventDetailPage.Column.Should().Be(longest.Length - 58, "← scrolls back by a step");
        await tui.PressAsync(Key.W);

        var page = tui.Workbench.EventDetailPage;
        page.Wrap.Should().BeTrue();
        page.Shown.Count.Should().BeGreaterThan(page.Lines.Count);
        page.Shown.Max(r => r.Text.Length).Should().BeLessThanOrEqualTo(58, "no row is wider than the list");
        var word = System.Text.RegularExpressions.Regex.Matches(longest, "[A-Za-z]{6,}")[^1].Value;
        await tui.PressAsync(new Key('/'));
        await tui.TypeAsync(word);
        await tui.PressAsync(Key.Enter);
        var row = page.Shown[page.ShownIndexOf(page.Matches[page.Current])];
        row.Start.Should().BeGreaterThanOrEqualTo(0);
        tui.Screen().Should().Contain(row.Text.Trim(), "the row of the wrapped line holding the match is shown");
        await tui.PressAsync(Key.W);
        page.Wrap.Should().BeFalse();
    }

    [Test]
    public async Task Y_copies_the_whole_json_through_osc_52_and_the_clipboard()
    {
        var tui = await EventsOfTheInteractiveStepAsync();
        await OpenAsync("callInteractiveTool");
        var json = PayloadJson(tui);

        await tui.PressAsync(Key.Y);
        tui.Screen().Should().Contain($"1 event JSON: {json.Split('\n').Length} lines, {json.Length} characters");
        await tui.PressAsync(new Key('1'));

        tui.Clipboard.GetClipboardData().Should().Be(json);
        tui.Output.Written.Should().Equal(ClipboardCopier.Osc52(json));
        tui.Workbench.Message.Should().StartWith("Copied event JSON: ");
        json.Should().StartWith("{").And.Contain("\"type\": \"callInteractiveTool\"").And.NotContain("? askUser asks", "only the JSON is copied");
    }

    private static string PayloadJson(TuiHarness tui)
    {
        var lines = tui.Workbench.EventDetailPage.Lines;
        return string.Join('\n', lines.SkipWhile(l => !l.StartsWith('{')));
    }

    private static int CountOf(string text, string word)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            count++;
            at += word.Length;
        }

        return count;
    }

    /// <summary>The characters drawn on a yellow background (the current match).</summary>
    private static string CurrentMatchCells(TuiHarness tui)
    {
        tui.Screen();
        var contents = tui.App.Driver!.Contents!;
        var text = new System.Text.StringBuilder();
        for (int row = 0; row < contents.GetLength(0); row++)
        {
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                if (contents[row, col].Attribute is { } a && a.Background == new Color(ColorName16.Yellow))
                {
                    text.Append(contents[row, col].Grapheme);
                }
            }
        }

        return text.ToString();
    }
}
