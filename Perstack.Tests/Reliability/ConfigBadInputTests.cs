using System.Text;
using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Broken perstack.toml files given to <c>perstack run</c> as a child process (so a crash would show as one):
/// each gives one clear error, exit 1, never a stack trace or an internal error, and nothing is written.
/// Files that are merely large or odd but valid still load.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class ConfigBadInputTests : ReliabilityTest
{
    private const string Expert = """

        [experts."fake-basic"]
        instruction = "Think, then complete."
        [experts."fake-basic".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]
        """;

    private static string Provider(string baseUrl) => $"""
        model = "claude-sonnet-4-5"
        [provider]
        providerName = "anthropic"
        [provider.setting]
        baseUrl = "{baseUrl}"
        """;

    protected override string Family => "Bad input";

    /// <summary>(name, toml, substring of the expected error line or null when the file is valid).</summary>
    private static IEnumerable<(string Name, byte[] Toml, string? Error)> Cases(string baseUrl)
    {
        var provider = Provider(baseUrl);
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        yield return ("syntax error", Utf8("model = \n" + Expert), "perstack.toml");
        yield return ("unterminated string", Utf8("model = \"abc\n" + Expert), "perstack.toml");
        yield return ("wrong type (maxSteps)", Utf8("maxSteps = \"ten\"\n" + provider + Expert), "maxSteps");
        yield return ("wrong type (experts)", Utf8(provider.Replace("model =", "experts = 5\nmodel =", StringComparison.Ordinal)), "experts");
        yield return ("wrong type (skill pick)", Utf8(provider + Expert.Replace("pick = [\"think\", \"attemptCompletion\"]", "pick = 3", StringComparison.Ordinal)), "pick");
        yield return ("unknown provider", Utf8(provider.Replace("\"anthropic\"", "\"skynet\"", StringComparison.Ordinal) + Expert), "provider");
        yield return ("missing instruction", Utf8(provider + Expert.Replace("instruction = \"Think, then complete.\"", "description = \"x\"", StringComparison.Ordinal)), "instruction");
        yield return ("duplicate key", Utf8("model = \"first\"\n" + provider + Expert), "perstack.toml");
        yield return ("unknown skill type", Utf8(provider + Expert.Replace("mcpStdioSkill", "quantumSkill", StringComparison.Ordinal)), "type");
        yield return ("empty file", [], "fake-basic");
        yield return ("binary garbage", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], "perstack.toml");
        yield return ("invalid UTF-8", [.. Utf8(provider + Expert), 0xC3, 0x28, 0xFF], "perstack.toml");
        yield return ("deeply nested arrays", Utf8(provider + "\nx = " + new string('[', 100_000) + new string(']', 100_000) + "\n" + Expert), null);
        yield return ("deeply nested inline tables", Utf8(provider + "\nx = " + string.Concat(Enumerable.Repeat("{a=", 50_000)) + "1" + new string('}', 50_000) + "\n" + Expert), null);
        yield return ("10,000-level dotted key", Utf8(provider + "\n[deep]\n" + string.Join('.', Enumerable.Repeat("k", 10_000)) + " = 1\n" + Expert), null);
        yield return ("duplicate tool names across skills", Utf8(provider + Expert + """

            [experts."fake-basic".skills."first"]
            type = "interactiveSkill"
            [experts."fake-basic".skills."first".tools.askUser]
            inputJsonSchema = '{"type":"object"}'
            [experts."fake-basic".skills."second"]
            type = "interactiveSkill"
            [experts."fake-basic".skills."second".tools.askUser]
            inputJsonSchema = '{"type":"object"}'
            """), "event:is offered by both skill");
        yield return ("giant valid file (12 MB, 2,000 experts)", Utf8(provider + "\n" + string.Concat(Enumerable.Repeat("# " + new string('c', 4000) + "\n", 2500))
            + string.Concat(Enumerable.Range(0, 2000).Select(i => Expert.Replace("fake-basic", $"e{i}", StringComparison.Ordinal))) + Expert), "");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Every_broken_perstack_toml_gives_one_clear_error(CancellationToken cancellationToken)
    {
        await using var workspace = RunWorkspace.Create();
        var cases = Cases(workspace.Server.AnthropicBaseUrl).ToList();
        var path = Path.Combine(workspace.Directory, "perstack.toml");
        int held = 0;
        foreach (var (name, toml, error) in cases)
        {
            File.WriteAllBytes(path, toml);
            if (Directory.Exists(workspace.Store))
            {
                Directory.Delete(workspace.Store, recursive: true);
            }

            var result = await workspace.RunAsync("run", "fake-basic", "Say hello");

            var because = $"{name}: {result.Error}";
            result.Error.Should().NotContain("   at ", because).And.NotContain("Internal error", because).And.NotContain("Unhandled", because);
            if (error == "")
            {
                result.ExitCode.Should().Be(0, because);
            }
            else if (error?.StartsWith("event:", StringComparison.Ordinal) == true)
            {
                // Found when the skills start: the run stops by error with the message in its last event.
                result.ExitCode.Should().Be(0, because);
                result.OutputLines[^1].Should().Contain("\"stopRunByError\"", because).And.Contain(error["event:".Length..], because);
            }
            else if (error is null)
            {
                // Deep nesting: refused with one line or read as a valid file; either way no crash.
                result.ExitCode.Should().BeOneOf([0, 1], because);
                if (result.ExitCode == 1)
                {
                    result.ErrorLines.Should().HaveCountLessThanOrEqualTo(3, because);
                }
            }
            else
            {
                result.ExitCode.Should().Be(1, because);
                result.ErrorLines.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(3, because);
                result.Error.Should().Contain(error, because);
                result.Output.Should().BeEmpty(because);
            }

            held++;
        }

        Held("Broken perstack.toml", held,
            "syntax errors, wrong types, unknown provider and skill type, missing instruction, duplicate keys, empty, binary, invalid UTF-8: exit 1 with ≤3 lines naming the problem, no stack trace; duplicate tool names across skills: the run stops by error naming both skills (found when skills start); 100,000-deep arrays, 50,000-deep inline tables, a 10,000-part key and a 12 MB file: no crash");
    }
}
