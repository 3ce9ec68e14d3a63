using FluentAssertions;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Log;

/// <summary>Every invalid value of <c>perstack log</c> is one <c>Error: Invalid …: …</c> line and exit 1, before any file is read.</summary>
public sealed class LogErrorTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("--take", "x", "Error: Invalid value for --take: \"x\" is not a valid number")]
    [TestCase("--take", "1.5", "Error: Invalid value for --take: \"1.5\" is not a valid number")]
    [TestCase("--take", "99999999999", "Error: Invalid value for --take: \"99999999999\" is not a valid number")]
    [TestCase("--take", "-1", "Error: Invalid value for --take: \"-1\" must be non-negative")]
    [TestCase("--offset", "abc", "Error: Invalid value for --offset: \"abc\" is not a valid number")]
    [TestCase("--offset", "-3", "Error: Invalid value for --offset: \"-3\" must be non-negative")]
    [TestCase("--context", "many", "Error: Invalid value for --context: \"many\" is not a valid number")]
    [TestCase("--context", "-2", "Error: Invalid value for --context: \"-2\" must be non-negative")]
    [TestCase("--step", "abc", "Error: Invalid step filter: abc")]
    [TestCase("--step", "=>5", "Error: Invalid step filter: =>5")]
    [TestCase("--step", "10-5", "Error: Invalid step filter: 10-5 (the range starts after it ends)")]
    [TestCase("--filter", "type == x", "Error: Invalid filter expression: type == x (expected .field op value, with op one of == != > >= < <=)")]
    [TestCase("--filter", ".type = x", "Error: Invalid filter expression: .type = x (expected .field op value, with op one of == != > >= < <=)")]
    [TestCase("--filter", ".type ==", "Error: Invalid filter expression: .type == (the value is missing)")]
    [TestCase("--job", "../x", "Error: Invalid job id \"../x\": it must start with a letter or digit")]
    [TestCase("--run", "a/b", "Error: Invalid run id \"a/b\": only letters, digits, '-' and '_' are allowed")]
    [TestCase("--checkpoint", ".", "Error: Invalid checkpoint id \".\": it must start with a letter or digit")]
    public async Task An_invalid_value_is_one_error_line_and_exit_1(string option, string value, string message)
    {
        var store = Path.Combine(_temp.Path, "store");

        var result = await LogFixture.RunAsync(store, option, value);

        result.ExitCode.Should().Be(1);
        result.Output.Should().BeEmpty();
        result.ErrorLines[0].Should().Be(message);
        result.ErrorLines.Should().HaveCount(2).And.EndWith("Run 'perstack log --help' for usage.");
        Directory.Exists(store).Should().BeFalse("nothing is touched for a refused value");
    }

    [Test]
    public async Task An_unknown_type_lists_the_known_ones()
    {
        var result = await LogFixture.RunAsync(Path.Combine(_temp.Path, "store"), "--type", "callTool");

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().StartWith("Error: Invalid value for --type: \"callTool\" is not an event type (expected one of startRun, ")
            .And.Contain("callTools").And.Contain("stopRunByError");
    }
}
