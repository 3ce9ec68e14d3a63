using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Cli;

/// <summary>Command lines that do not parse: one error line (with the nearest command for a typo), the usage hint, exit 1.</summary>
public sealed class UsageErrorsTests
{
    [TestCase(new[] { "jobs", "lsit" }, "Error: Unrecognized command or argument 'lsit'. Did you mean 'list'?", "perstack jobs")]
    [TestCase(new[] { "jobs", "shwo", "abc" }, "Error: Unrecognized command or argument 'shwo'. Did you mean 'show'?", "perstack jobs")]
    [TestCase(new[] { "lgo" }, "Error: Unrecognized command or argument 'lgo'. Did you mean 'log'?", "perstack")]
    [TestCase(new[] { "jobs", "list", "--jsno" }, "Error: Unrecognized command or argument '--jsno'. Did you mean '--json'?", "perstack jobs list")]
    [TestCase(new[] { "frobnicate" }, "Error: Unrecognized command or argument 'frobnicate'.", "perstack")]
    public async Task A_typo_gets_one_line_with_the_nearest_command(string[] args, string message, string command)
    {
        var result = await CliRunner.RunAsync(args);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Equal(message, $"Run '{command} --help' for usage.");
    }

    [TestCase]
    [TestCase("jobs")]
    public async Task A_command_group_alone_prints_its_help(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.Output.Should().Contain("Usage:").And.Contain("Commands:");
    }

    [Test]
    public async Task A_command_missing_its_argument_is_a_usage_error_not_its_help()
    {
        var result = await CliRunner.RunAsync("completion");

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().Equal("Error: Required argument 'shell' missing for command: 'completion'.", "Run 'perstack completion --help' for usage.");
    }
}
