using FluentAssertions;
using Perstack.App.Tui.Shell;

namespace Perstack.Tests.App.Tui.Shell;

/// <summary>docs/tui.md lists, for every screen, exactly the keys the workbench binds and shows (no hand-kept drift).</summary>
public sealed class KeyMapDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Docs", "tui.md"));

    private static IEnumerable<TestCaseData> Screens() =>
        KeyMap.Screens.Select(s => new TestCaseData(s.Screen.ToString()).SetArgDisplayNames(s.Screen.ToString()));

    [TestCaseSource(nameof(Screens))]
    public void The_docs_key_table_of_each_screen_is_its_key_map(string screen)
    {
        var keys = KeyMap.Screens.Single(s => s.Screen.ToString() == screen).Keys;
        var expected = new List<string> { "| Key | Does |", "|---|---|" };
        expected.AddRange(keys.Where(k => k.KeyLabel is not null).Select(k => $"| {k.KeyLabel} | {k.Hint} |"));

        var start = Doc.IndexOf($"<!-- keys: {screen} -->", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"docs/tui.md has a key table for {screen}");
        var end = Doc.IndexOf("<!-- /keys -->", start, StringComparison.Ordinal);
        var table = Doc[start..end].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1);

        table.Should().Equal(expected);
    }

    [Test]
    public void Every_screen_of_the_docs_has_a_key_map()
    {
        var documented = Doc.Split("<!-- keys: ").Skip(1).Select(s => s[..s.IndexOf(' ', StringComparison.Ordinal)]);

        documented.Should().Equal(KeyMap.Screens.Select(s => s.Screen.ToString()));
    }
}
