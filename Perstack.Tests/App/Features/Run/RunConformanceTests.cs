using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Run;

/// <summary>
/// <c>perstack run</c> against the scripted LLM prints the reference runtime's event sequences
/// (<c>type@stepNumber/expertKey</c>, one per stdout line) and exits 0.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class RunConformanceTests
{
    private RunWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = RunWorkspace.Create();

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task Basic()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().Equal(
            "startRun@1/fake-basic",
            "startGeneration@1/fake-basic",
            "callTools@1/fake-basic",
            "resolveToolResults@1/fake-basic",
            "finishToolCall@1/fake-basic",
            "continueToNextStep@1/fake-basic",
            "startGeneration@2/fake-basic",
            "callTools@2/fake-basic",
            "attemptCompletion@2/fake-basic",
            "completeRun@2/fake-basic");
    }

    [Test]
    public async Task Writer()
    {
        var result = await _workspace.RunAsync("run", "fake-writer", "Write a file please");

        result.ExitCode.Should().Be(0, result.Error);
        var expected = new List<string> { "startRun@1/fake-writer" };
        for (int step = 1; step <= 4; step++)
        {
            expected.AddRange([$"startGeneration@{step}/fake-writer", $"callTools@{step}/fake-writer", $"resolveToolResults@{step}/fake-writer", $"finishToolCall@{step}/fake-writer", $"continueToNextStep@{step}/fake-writer"]);
        }

        expected.AddRange(["startGeneration@5/fake-writer", "callTools@5/fake-writer", "attemptCompletion@5/fake-writer", "completeRun@5/fake-writer"]);
        RunWorkspace.Sequence(result).Should().Equal(expected);
        File.Exists(Path.Combine(_workspace.Directory, "fake-output.txt")).Should().BeTrue("the base skill wrote the file in the workspace");
    }

    [Test]
    public async Task Delegate()
    {
        var result = await _workspace.RunAsync("run", "fake-coordinator", "Coordinate some work");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().Equal(
            "startRun@1/fake-coordinator",
            "startGeneration@1/fake-coordinator",
            "callTools@1/fake-coordinator",
            "callDelegate@1/fake-coordinator",
            "stopRunByDelegate@1/fake-coordinator",
            "startRun@2/fake-worker",
            "startGeneration@2/fake-worker",
            "callTools@2/fake-worker",
            "resolveToolResults@2/fake-worker",
            "finishToolCall@2/fake-worker",
            "continueToNextStep@2/fake-worker",
            "startGeneration@3/fake-worker",
            "callTools@3/fake-worker",
            "attemptCompletion@3/fake-worker",
            "completeRun@3/fake-worker",
            "startRun@4/fake-coordinator",
            "finishAllToolCalls@4/fake-coordinator",
            "continueToNextStep@4/fake-coordinator",
            "startGeneration@5/fake-coordinator",
            "callTools@5/fake-coordinator",
            "attemptCompletion@5/fake-coordinator",
            "completeRun@5/fake-coordinator");
    }

    [Test]
    public async Task MaxSteps()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "Stop early please", "--max-steps", "1");

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().Equal(
            "startRun@1/fake-basic",
            "startGeneration@1/fake-basic",
            "callTools@1/fake-basic",
            "resolveToolResults@1/fake-basic",
            "finishToolCall@1/fake-basic",
            "stopRunByExceededMaxSteps@1/fake-basic");
    }

    [Test]
    public async Task Interactive_then_answer()
    {
        var first = await _workspace.RunAsync("run", "fake-interactive", "Ask me something");

        first.ExitCode.Should().Be(0, first.Error);
        RunWorkspace.Sequence(first).Should().Equal(
            "startRun@1/fake-interactive",
            "startGeneration@1/fake-interactive",
            "callTools@1/fake-interactive",
            "callInteractiveTool@1/fake-interactive",
            "stopRunByInteractiveTool@1/fake-interactive");

        var jobId = RunWorkspace.JobIdOf(first);
        var answer = await _workspace.RunAsync("run", "fake-interactive", "Yes, proceed", "--continue-job", jobId, "-i");

        answer.ExitCode.Should().Be(0, answer.Error);
        RunWorkspace.Sequence(answer).Should().Equal(
            "startRun@2/fake-interactive",
            "finishAllToolCalls@2/fake-interactive",
            "continueToNextStep@2/fake-interactive",
            "startGeneration@3/fake-interactive",
            "callTools@3/fake-interactive",
            "resolveToolResults@3/fake-interactive",
            "finishToolCall@3/fake-interactive",
            "continueToNextStep@3/fake-interactive",
            "startGeneration@4/fake-interactive",
            "callTools@4/fake-interactive",
            "attemptCompletion@4/fake-interactive",
            "completeRun@4/fake-interactive");
        RunWorkspace.JobIdOf(answer).Should().Be(jobId);
    }

    [Test]
    public async Task Stdout_lines_are_exactly_the_stored_event_files()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "Say hello");

        result.ExitCode.Should().Be(0, result.Error);
        var jobId = RunWorkspace.JobIdOf(result);
        var stored = Directory.EnumerateFiles(Path.Combine(_workspace.Store, "jobs", jobId, "runs"), "event-*.json", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToHashSet();
        result.OutputLines.Should().HaveCount(10).And.OnlyContain(line => stored.Contains(line));
        stored.Should().HaveCount(10);
    }

    [Test]
    public async Task The_files_on_disk_hold_the_job_its_checkpoints_and_a_secret_free_run_setting()
    {
        var result = await _workspace.RunAsync("run", "fake-coordinator", "Coordinate some work");

        result.ExitCode.Should().Be(0, result.Error);
        var jobId = RunWorkspace.JobIdOf(result);
        var jobDir = Path.Combine(_workspace.Store, "jobs", jobId);
        using (var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(jobDir, "job.json"))))
        {
            job.RootElement.GetProperty("status").GetString().Should().Be("completed");
            job.RootElement.GetProperty("totalSteps").GetInt64().Should().Be(5);
            job.RootElement.GetProperty("coordinatorExpertKey").GetString().Should().Be("fake-coordinator");
            job.RootElement.TryGetProperty("finishedAt", out _).Should().BeTrue();
        }

        var checkpoints = Directory.GetFiles(Path.Combine(jobDir, "checkpoints"), "*.json");
        checkpoints.Should().HaveCount(5, "one checkpoint per step");
        var statuses = checkpoints.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("status").GetString()).ToList();
        statuses.Should().Contain(["stoppedByDelegate", "completed"]);

        foreach (var file in Directory.EnumerateFiles(_workspace.Store, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).Should().NotContain(RunWorkspace.ApiKey, $"{file} must not hold the API key");
        }

        var settings = Directory.GetFiles(Path.Combine(jobDir, "runs"), "run-setting.json", SearchOption.AllDirectories);
        settings.Should().NotBeEmpty();
        using var setting = JsonDocument.Parse(File.ReadAllText(settings[0]));
        setting.RootElement.GetProperty("env").EnumerateObject().Should().BeEmpty();
        setting.RootElement.GetProperty("envNames").EnumerateArray().Select(e => e.GetString()).Should().Contain("ANTHROPIC_API_KEY");
    }
}
