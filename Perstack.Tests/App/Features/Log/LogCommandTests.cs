using FluentAssertions;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Log;

/// <summary><c>perstack log</c> over the TypeScript runtime's history: scope, header and event lines.</summary>
public sealed class LogCommandTests : FixtureCopyTests
{
    [Test]
    public async Task Without_a_job_it_shows_the_latest_job_and_says_so()
    {
        var result = await LogFixture.RunAsync(Store);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.OutputLines.Take(9).Should().Equal(
            "(showing latest job)",
            $"Storage: {Store}",
            "Job: job-fixed-0001 (completed)",
            "Expert: fake-basic",
            "Started: 2026-11-27 00:14:55",
            "Steps: 2",
            "Finished: 2026-11-27 00:14:56",
            "Events:",
            LogFixture.Rule);
        result.OutputLines.Should().Contain("[Step 1] startRun                 00:14:56")
            .And.Contain("  Query: \"Explicit ids\"")
            .And.Contain("  Tools: think")
            .And.Contain("  Tools: attemptCompletion")
            .And.Contain(l => l.StartsWith("  ✓ think: {\"nextThoughtNeeded\":false", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("  Result: Fake final answer. Query was: 'Explicit ids'.", StringComparison.Ordinal));
        LogFixture.Events(result).Should().Equal(
            "startRun@1", "startGeneration@1", "callTools@1", "resolveToolResults@1", "finishToolCall@1", "continueToNextStep@1",
            "startGeneration@2", "callTools@2", "attemptCompletion@2", "completeRun@2");
        result.OutputLines[^1].Should().Be(LogFixture.Rule, "everything is shown, so there is no pagination footer");
    }

    [Test]
    public async Task A_named_job_is_not_marked_latest_and_shows_delegations()
    {
        var result = await LogFixture.RunAsync(Store, "--job", "r5fwacdzy063tewk7tqaxskw", "--take", "0");

        result.ExitCode.Should().Be(0);
        result.Output.Should().NotContain("(showing latest job)");
        result.OutputLines.Should().Contain("Job: r5fwacdzy063tewk7tqaxskw (completed)").And.Contain("Expert: fake-coordinator");
        result.OutputLines.Count(l => l == "  Delegate to: fake-worker").Should().Be(2, "callDelegate and stopRunByDelegate");
        result.OutputLines.Should().Contain("  Query: \"Delegated sub-task for: Coordinate some work\"");
        LogFixture.Events(result).Should().HaveCount(29);
    }

    [Test]
    public async Task Interactive_calls_and_verbose_tool_calls_have_their_lines()
    {
        var result = await LogFixture.RunAsync(Store, "--job", "gf13yre28vrnvqtt96gqls80", "--verbose", "--step", "1");

        result.OutputLines.Should().Contain("  Interactive: askUser")
            .And.Contain("  [user-input] askUser")
            .And.Contain("    Args: {\"question\":\"Fake question: may I proceed?\"}");
    }

    [Test]
    public async Task A_run_narrows_to_its_events()
    {
        var result = await LogFixture.RunAsync(Store, "--job", "aajxt79vxz6vvwkfyltr74pc", "--run", "dl1gvwubesp5frv9eunlclw5", "--take", "0");

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().Contain("Run: dl1gvwubesp5frv9eunlclw5");
        LogFixture.Events(result).Should().HaveCount(16).And.Contain("stopRunByExceededMaxSteps@1");
    }

    [Test]
    public async Task A_checkpoint_shows_its_header_its_messages_and_its_runs_events()
    {
        var result = await LogFixture.RunAsync(
            Store, "--job", "gf13yre28vrnvqtt96gqls80", "--checkpoint", "ntt9ltvvc2kq9si820pkiib1", "--messages", "--take", "1");

        result.ExitCode.Should().Be(0);
        var lines = result.OutputLines;
        var at = Array.IndexOf(lines, "Checkpoint: ntt9ltvvc2kq9si820pkiib1");
        at.Should().BePositive();
        lines.Skip(at).Take(9).Should().Equal(
            "Checkpoint: ntt9ltvvc2kq9si820pkiib1",
            "Status: stoppedByInteractiveTool",
            "Step: 1",
            "Expert: fake-interactive",
            "Run: by7kzsk0ble5vsgechz3zase",
            "Messages:",
            lines[at + 6],
            "  [userMessage] Ask me something",
            "  [expertMessage] → askUser");
        lines[at + 6].Should().StartWith("  [instructionMessage] You are Perstack").And.EndWith("...");
        LogFixture.Events(result).Should().Equal("startRun@1");
        lines[^2].Should().Be("(showing 1 of 17 matched events)");
        lines[^1].Should().Be("Use --take and --offset to paginate, or --take 0 for all");
    }

    [Test]
    public async Task The_latest_job_also_applies_to_a_run_or_checkpoint_without_a_job()
    {
        var result = await LogFixture.RunAsync(Store, "--run", "run-fixed-0001", "--type", "completeRun");

        result.ExitCode.Should().Be(0);
        result.OutputLines[0].Should().Be("(showing latest job)");
        LogFixture.Events(result).Should().Equal("completeRun@2");
    }

    [Test]
    public async Task An_unknown_job_run_or_checkpoint_is_a_clear_error()
    {
        var job = await LogFixture.RunAsync(Store, "--job", "nosuchjob");
        var run = await LogFixture.RunAsync(Store, "--job", "job-fixed-0001", "--run", "nosuchrun");
        var checkpoint = await LogFixture.RunAsync(Store, "--job", "job-fixed-0001", "--checkpoint", "nosuchcheckpoint");
        var mismatch = await LogFixture.RunAsync(Store, "--job", "gf13yre28vrnvqtt96gqls80", "--checkpoint", "ntt9ltvvc2kq9si820pkiib1", "--run", "run-fixed-0001");

        job.ExitCode.Should().Be(1);
        job.Output.Should().BeEmpty();
        job.ErrorLines.Should().Equal("Job nosuchjob not found");
        run.ExitCode.Should().Be(1);
        run.ErrorLines.Should().Equal("Run nosuchrun not found in job job-fixed-0001");
        checkpoint.ExitCode.Should().Be(1);
        checkpoint.ErrorLines.Should().Equal("Checkpoint nosuchcheckpoint not found in job job-fixed-0001");
        mismatch.ExitCode.Should().Be(1);
        mismatch.ErrorLines.Should().Equal("Error: Checkpoint ntt9ltvvc2kq9si820pkiib1 belongs to run by7kzsk0ble5vsgechz3zase, not run-fixed-0001");
    }

    [Test]
    public async Task A_checkpoint_is_found_in_any_job_without_job()
    {
        var found = await LogFixture.RunAsync(Store, "--checkpoint", "rbl9onz9mhpvvno3zj3afdbl");

        found.ExitCode.Should().Be(0, found.Error);
        found.OutputLines.Should().Contain("Job: gf13yre28vrnvqtt96gqls80 (completed)").And.Contain("Checkpoint: rbl9onz9mhpvvno3zj3afdbl");
        found.OutputLines.Should().NotContain("(showing latest job)");

        var fork = await CliRunner.RunAsync("jobs", "fork", "gf13yre28vrnvqtt96gqls80", "--from", "rbl9onz9mhpvvno3zj3afdbl", "--storage-path", Store);
        var copy = fork.OutputLines.Single();
        var twice = await LogFixture.RunAsync(Store, "--checkpoint", "rbl9onz9mhpvvno3zj3afdbl");
        twice.ExitCode.Should().Be(1);
        twice.ErrorLines.Should().Equal(
            $"Checkpoint rbl9onz9mhpvvno3zj3afdbl is in 2 jobs ({string.Join(", ", new[] { "gf13yre28vrnvqtt96gqls80", copy }.Order(StringComparer.Ordinal))}); add --job <jobId>");

        var unknown = await LogFixture.RunAsync(Store, "--checkpoint", "nowhere");
        unknown.ExitCode.Should().Be(1);
        unknown.ErrorLines.Should().Equal("Checkpoint nowhere not found in any job");
    }

    [Test]
    public async Task An_empty_store_has_no_data()
    {
        var result = await LogFixture.RunAsync(Directory.CreateDirectory(Path.Combine(Temp.Path, "empty")).FullName);

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().Equal("No data found");
    }

    [Test]
    public async Task A_corrupt_event_file_is_reported_and_the_rest_is_shown()
    {
        var corrupt = Directory.EnumerateFiles(Path.Combine(Store, "jobs", "job-fixed-0001"), "*-1-callTools.json", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(corrupt, "{\"type\":\"callTools\",");
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(corrupt)!, "event-oops.json"), "{}");

        var result = await LogFixture.RunAsync(Store, "--job", "job-fixed-0001");

        result.ExitCode.Should().Be(0);
        result.ErrorLines.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("warning: skipped ", StringComparison.Ordinal));
        result.ErrorLines.Should().Contain(l => l.Contains(corrupt, StringComparison.Ordinal))
            .And.Contain(l => l.Contains("event-oops.json", StringComparison.Ordinal));
        LogFixture.Events(result).Should().HaveCount(9).And.NotContain("callTools@1");
    }

    [Test]
    public async Task Messages_need_a_checkpoint()
    {
        var result = await LogFixture.RunAsync(Store, "--messages");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Error: --messages needs --checkpoint <checkpointId>");
    }
}
