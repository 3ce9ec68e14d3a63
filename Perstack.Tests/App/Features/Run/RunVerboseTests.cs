using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Run;

/// <summary><c>perstack run --verbose</c>: progress on stderr a person can follow, stdout untouched.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunVerboseTests
{
    [Test]
    public async Task Verbose_shows_statuses_as_stored_the_question_and_the_final_answer()
    {
        await using var workspace = RunWorkspace.Create();

        var asked = await workspace.RunAsync("run", "fake-interactive", "Deploy it", "--verbose");

        asked.ExitCode.Should().Be(0, asked.Error);
        asked.ErrorLines.Should().Contain("[step 1] startRun fake-interactive status init");
        asked.ErrorLines.Should().Contain("[step 1] callInteractiveTool fake-interactive ? askUser: Fake question: may I proceed?");
        asked.ErrorLines.Should().Contain("[step 1] stopRunByInteractiveTool fake-interactive status stoppedByInteractiveTool");
        RunWorkspace.Sequence(asked).Should().HaveCount(asked.OutputLines.Length, "stdout stays NDJSON only");

        var answered = await workspace.RunAsync("run", "fake-interactive", "Yes", "--continue-job", RunWorkspace.JobIdOf(asked), "-i", "--verbose");

        answered.ExitCode.Should().Be(0, answered.Error);
        answered.ErrorLines.Should().Contain("[step 2] startRun fake-interactive status stoppedByInteractiveTool");
        answered.ErrorLines.Should().ContainMatch("?step *? completeRun fake-interactive status completed, * tokens: Fake final answer. Query was: 'Deploy it'. Tools used in this turn: askUser, think, attemptCompletion.");
    }
}
