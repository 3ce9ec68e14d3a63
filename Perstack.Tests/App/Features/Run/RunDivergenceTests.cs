using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Features.Run;

/// <summary>
/// Where <c>perstack run</c> departs from the reference on purpose (docs/cli-reference.md lists each): mistakes the
/// reference accepts silently are refused with one line and exit 1, and a job stopped mid-delegation continues as
/// the message after the stop invites.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunDivergenceTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [TestCase("my-job", "my-job", "Job my-job already exists; continue it with --continue-job my-job")]
    [TestCase("Report-2026", "report-2026", "Job Report-2026 already exists; continue it with --continue-job Report-2026")]
    public async Task A_new_run_with_the_id_of_an_existing_job_is_refused_and_the_job_is_untouched(string stored, string requested, string message)
    {
        // Ids differing only by case are one folder on macOS and Windows: refused on every file system.
        var first = await _workspace.RunAsync("run", "fake-basic", "Say hello", "--job-id", stored);
        first.ExitCode.Should().Be(0, first.Error);
        var before = FileHashes.Of(_workspace.Store);

        var again = await _workspace.RunAsync("run", "fake-basic", "Something else", "--job-id", requested);

        again.ExitCode.Should().Be(1);
        again.Output.Should().BeEmpty();
        again.ErrorLines.Should().Equal(message);
        FileHashes.Of(_workspace.Store).Should().Equal(before);
    }

    [Test]
    public async Task Answering_with_i_without_a_continue_flag_is_a_usage_error()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "yes", "-i");

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().Be("Error: --interactive-tool-call-result (-i) requires --continue or --continue-job");
        Directory.Exists(_workspace.Store).Should().BeFalse("no job is started");
    }

    [Test]
    public async Task Continue_together_with_continue_job_is_a_usage_error()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "q", "--continue", "--continue-job", "abc");

        result.ExitCode.Should().Be(1);
        result.ErrorLines[0].Should().Be("Error: --continue and --continue-job cannot be used together");
    }

    [Test]
    public async Task Continue_on_a_job_that_is_running_says_it_is_running()
    {
        _workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromMinutes(2)));
        using var holder = ChildProcess.Start(PerstackProcess.StartInfo(_workspace.Directory, _workspace.Environment, "run", "fake-basic", "Hold it", "--job-id", "busy"))!;
        holder.StandardInput.Close();
        try
        {
            await _workspace.Server.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));

            var result = await _workspace.RunAsync("run", "fake-basic", "Me too", "--continue");

            result.ExitCode.Should().Be(1);
            result.ErrorLines.Should().Equal("Job busy is already running in another process");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }
    }

    [Test]
    public async Task A_run_cancelled_while_a_delegate_works_continues_as_its_coordinator()
    {
        _workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(2)));
        using var run = SignalledRun.Start(
            PerstackProcess.StartInfo(_workspace.Directory, _workspace.Environment, "run", "fake-coordinator", "Plan it"),
            line => line.Contains("\"startGeneration\"", StringComparison.Ordinal) && line.Contains("\"expertKey\":\"fake-worker\"", StringComparison.Ordinal));
        await run.WaitForTriggerAsync(TimeSpan.FromSeconds(60));
        await _workspace.Server.WaitForRequestsAsync(2, TimeSpan.FromSeconds(30));
        var (exitCode, error, _) = await run.SignalAsync("INT", TimeSpan.FromSeconds(60));
        exitCode.Should().Be(130, error);
        var jobId = RunWorkspace.JobIdOf(new ProcessResult(0, string.Join('\n', run.Lines), ""));
        error.Should().Contain($"perstack run fake-coordinator \"<query>\" --continue-job {jobId}");

        var resumed = await _workspace.RunAsync("run", "fake-coordinator", "Please finish", "--continue-job", jobId);

        resumed.ExitCode.Should().Be(0, resumed.Error);
        var sequence = RunWorkspace.Sequence(resumed);
        sequence[0].Should().Be("startRun@3/fake-worker", "the cancelled delegate resumes first");
        sequence.Should().Contain("completeRun@4/fake-worker");
        sequence[^1].Should().MatchRegex("^completeRun@[0-9]+/fake-coordinator$");
    }
}
