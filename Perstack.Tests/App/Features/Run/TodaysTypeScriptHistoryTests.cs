using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ReferenceSchemas;

namespace Perstack.Tests.App.Features.Run;

/// <summary>
/// A history as today's TypeScript Perstack (main, ef363a5) writes it — no job.json, no run-setting.json,
/// thinkingPart in its replies, callDelegate with toolCalls[], a delegate stopped by error, streaming event files, one
/// corrupt (Fixtures/ts-perstack-ef363a5, made by its make-fixture.py) — is continued, and its files pass today's
/// schemas before and after.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class TodaysTypeScriptHistoryTests
{
    private const string BasicJob = "tsmainbasic0000000000001";
    private const string DelegationJob = "tsmaindeleg000000000001";

    private RunWorkspace _workspace = null!;

    private static string FixtureStore => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ts-perstack-ef363a5", "perstack");

    [SetUp]
    public void SetUp()
    {
        _workspace = RunWorkspace.Create();
        foreach (var file in Directory.EnumerateFiles(FixtureStore, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_workspace.Store, Path.GetRelativePath(FixtureStore, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [TearDown]
    public async Task TearDown() => await _workspace.DisposeAsync();

    [Test]
    public async Task The_fixture_is_what_todays_schemas_accept_but_for_the_corrupt_streaming_file()
    {
        var verdicts = await ReferenceSchemaKit.ValidateTreeAsync(_workspace.Store);

        verdicts.Where(v => v.Version == SchemaVerdict.Main && !v.Ok).Should().ContainSingle()
            .Which.File.Should().EndWith("-1-streamReasoning.json");
        Directory.EnumerateFiles(_workspace.Store, "job.json", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.EnumerateFiles(_workspace.Store, "run-setting.json", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public async Task A_job_whose_checkpoints_hold_thinking_continues_and_sends_the_signed_thinking_back_in_place()
    {
        var result = await _workspace.RunAsync("run", "fake-basic", "Again please", "--continue-job", BasicJob);

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result)[0].Should().Be("startRun@3/fake-basic");
        RunWorkspace.Sequence(result)[^1].Should().StartWith("completeRun@").And.EndWith("/fake-basic");
        var first = JsonDocument.Parse(_workspace.Server.Requests[0].Body).RootElement;
        var replies = first.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "assistant").ToList();
        replies.Should().HaveCount(3);
        replies[0].GetProperty("content")[0].GetRawText().Should().Be("""{"type":"thinking","thinking":"The user wants a greeting. Think first.","signature":"EqQBCkYIBxgCsigone"}""");
        replies[0].GetProperty("content")[1].GetProperty("type").GetString().Should().Be("tool_use");
        replies[2].GetProperty("content")[0].GetProperty("type").GetString().Should().Be("thinking");
        replies[2].GetProperty("content")[1].GetProperty("text").GetString().Should().Be("Hello! How can I help?");

        // What we added to the job passes today's rules too (the one corrupt file is the fixture's own).
        var verdicts = await ReferenceSchemaKit.ValidateTreeAsync(_workspace.Store);
        verdicts.Where(v => v.Version == SchemaVerdict.Main && !v.Ok).Should().ContainSingle().Which.File.Should().EndWith("-1-streamReasoning.json");
    }

    [Test]
    public async Task A_delegate_stopped_by_error_continues_and_returns_to_its_parent()
    {
        var result = await _workspace.RunAsync("run", "fake-worker", "Try again", "--continue-job", DelegationJob);

        result.ExitCode.Should().Be(0, result.Error);
        var sequence = RunWorkspace.Sequence(result);
        sequence[0].Should().Be("startRun@3/fake-worker");
        sequence.Should().Contain(s => s.StartsWith("completeRun@", StringComparison.Ordinal) && s.EndsWith("/fake-worker", StringComparison.Ordinal));
        sequence[^1].Should().StartWith("completeRun@").And.EndWith("/fake-coordinator");
        var parentResume = JsonDocument.Parse(result.OutputLines.Last(l => l.Contains("\"type\":\"startRun\"", StringComparison.Ordinal))).RootElement;
        parentResume.GetProperty("initialCheckpoint").GetProperty("status").GetString().Should().Be("stoppedByDelegate");
    }

    [Test]
    public async Task Before_anything_continues_it_lists_shows_and_logs_as_derived_jobs_and_stays_untouched()
    {
        var before = TreeSnapshot.Take(_workspace.Store);

        var list = await _workspace.RunAsync("jobs", "list");
        var show = await _workspace.RunAsync("jobs", "show", DelegationJob);
        var log = await _workspace.RunAsync("log", "--job", BasicJob, "--take", "0");

        list.ExitCode.Should().Be(0, list.Error);
        list.OutputLines.Should().HaveCount(2);
        list.OutputLines.Should().Contain(l => l.StartsWith($"fake-basic - 2 steps ({BasicJob})", StringComparison.Ordinal) && l.EndsWith("(derived)", StringComparison.Ordinal));
        list.OutputLines.Should().Contain(l => l.StartsWith($"fake-coordinator - 2 steps ({DelegationJob})", StringComparison.Ordinal) && l.EndsWith("(derived)", StringComparison.Ordinal));
        show.ExitCode.Should().Be(0, show.Error);
        show.Output.Should().Contain("Step 1 (tsmaincpcoord00000000001)").And.Contain("Step 2 (tsmaincpworker0000000002)");
        log.ExitCode.Should().Be(0, log.Error);
        log.Output.Should().Contain("  Thinking: The user wants a greeting. Think first.");
        log.Error.Should().Contain("-1-streamReasoning.json", "the corrupt streaming file is reported and skipped");
        TreeSnapshot.Take(_workspace.Store).Should().Equal(before, "reading a history never writes into it");
    }

    [Test]
    public async Task Once_continued_it_shows_and_logs_with_its_thinking_and_the_corrupt_file_reported()
    {
        (await _workspace.RunAsync("run", "fake-basic", "Again please", "--continue-job", BasicJob)).ExitCode.Should().Be(0);

        var show = await _workspace.RunAsync("jobs", "show", BasicJob);
        var log = await _workspace.RunAsync("log", "--job", BasicJob, "--take", "0");

        show.ExitCode.Should().Be(0, show.Error);
        show.Output.Should().Contain("Step 1 (tsmaincpbasic00000000001)").And.Contain("Step 2 (tsmaincpbasic00000000002)");
        log.ExitCode.Should().Be(0, log.Error);
        log.Output.Should().Contain("  Thinking: The user wants a greeting. Think first.").And.Contain("completeStreamingRunResult");
        log.Error.Should().Contain("-1-streamReasoning.json");
    }
}
