using System.CommandLine;
using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.App.Cli;
using Perstack.Core.Config;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Docs;

/// <summary>The examples in README.md and docs/*.md use real commands and options and valid perstack.toml.</summary>
public sealed partial class DocsExamplesTests
{
    private static IEnumerable<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Append(Path.Combine(RepositoryRoot.Path, "README.md")).Order(StringComparer.Ordinal);

    [Test]
    public void Every_perstack_command_line_in_the_docs_parses()
    {
        var root = PerstackCli.BuildRoot(_ => null);
        var problems = new List<string>();
        var checkedLines = 0;
        foreach (var page in Pages())
        {
            foreach (var line in CodeBlocks(File.ReadAllText(page), "bash").SelectMany(block => block.Split('\n')))
            {
                var command = CommandLine().Match(line);
                if (!command.Success)
                {
                    continue;
                }

                checkedLines++;
                // Placeholders such as <jobId> stand for real values; commands validate ids while parsing.
                var args = Tokens(Placeholder().Replace(command.Groups["args"].Value, "sample-id"));
                var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
                problems.AddRange(parse.Errors.Select(error => $"{Path.GetFileName(page)}: `{line.Trim()}`: {error.Message}"));
            }
        }

        checkedLines.Should().BeGreaterThan(10);
        problems.Should().BeEmpty();
    }

    [Test]
    public void Every_perstack_toml_example_in_the_docs_is_valid()
    {
        var examples = Pages().SelectMany(page => CodeBlocks(File.ReadAllText(page), "toml").Select(block => (page, block))).ToList();

        examples.Should().NotBeEmpty();
        foreach (var (page, block) in examples)
        {
            var parse = () => PerstackConfigParser.Parse(block, Path.GetFileName(page));
            parse.Should().NotThrow($"the example in {Path.GetFileName(page)} must be valid");
        }
    }

    private static IEnumerable<string> CodeBlocks(string markdown, string language) =>
        CodeBlock().Matches(markdown.ReplaceLineEndings("\n")).Where(match => match.Groups["lang"].Value == language).Select(match => match.Groups["body"].Value);

    /// <summary>Splits like a shell would for these simple lines: spaces separate, double quotes group.</summary>
    private static string[] Tokens(string text) =>
        [.. Token().Matches(text).Select(match => match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Value)];

    [GeneratedRegex(@"^```(?<lang>\w*)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    /// <summary>A line that starts with perstack (alone or inside <c>&lt;(…)</c>), up to a closing paren, pipe or comment.</summary>
    [GeneratedRegex(@"(?:^|<\()perstack(?<args>(?:\s+[^\s#|)]+)*)")]
    private static partial Regex CommandLine();

    [GeneratedRegex("<[A-Za-z]+>")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|\\S+")]
    private static partial Regex Token();
}
