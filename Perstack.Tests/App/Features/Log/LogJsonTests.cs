using System.Text.Json;
using FluentAssertions;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Log;

/// <summary><c>perstack log --json</c>: one document with the job, the events and the summary.</summary>
public sealed class LogJsonTests : FixtureCopyTests
{
    [Test]
    public async Task The_document_holds_job_events_summary_and_counts()
    {
        var result = await LogFixture.RunAsync(Store, "--json", "--job", "zx1gh1dxk13tzk3lx8vtxyt9", "--tools", "--take", "3");

        result.ExitCode.Should().Be(0);
        result.OutputLines.Should().ContainSingle("compact JSON is one line");
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        root.GetProperty("job").GetProperty("id").GetString().Should().Be("zx1gh1dxk13tzk3lx8vtxyt9");
        root.GetProperty("job").GetProperty("coordinatorExpertKey").GetString().Should().Be("fake-writer");
        root.TryGetProperty("isLatestJob", out _).Should().BeFalse();
        root.GetProperty("storagePath").GetString().Should().Be(Store);
        var events = root.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).Should().Equal("callTools", "resolveToolResults", "callTools");
        events[0].GetProperty("toolCalls")[0].GetProperty("toolName").GetString().Should().Be("todo");
        events[0].GetProperty("jobId").GetString().Should().Be("zx1gh1dxk13tzk3lx8vtxyt9");
        var summary = root.GetProperty("summary");
        summary.GetProperty("totalEvents").GetInt64().Should().Be(9);
        summary.GetProperty("toolCallCount").GetInt64().Should().Be(9);
        summary.GetProperty("errorCount").GetInt64().Should().Be(0);
        summary.GetProperty("delegationCount").GetInt64().Should().Be(0);
        summary.GetProperty("stepRange").GetProperty("min").GetInt64().Should().Be(1);
        summary.GetProperty("stepRange").GetProperty("max").GetInt64().Should().Be(5);
        root.GetProperty("totalEventsBeforeLimit").GetInt64().Should().Be(9);
        root.GetProperty("matchedAfterPagination").GetInt64().Should().Be(3);
        root.GetProperty("contextEvents").GetInt64().Should().Be(0);
        root.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("stepNumber").GetInt64()).Should().Equal(1, 2, 3, 4, 5);
        root.GetProperty("problems").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task The_latest_job_is_flagged_and_a_checkpoint_is_included_whole()
    {
        var latest = await LogFixture.RunAsync(Store, "--json");
        var checkpoint = await LogFixture.RunAsync(Store, "--json", "--job", "gf13yre28vrnvqtt96gqls80", "--checkpoint", "yw9btho82skvsne8l9e29v8o");

        using var latestDocument = JsonDocument.Parse(latest.Output);
        latestDocument.RootElement.GetProperty("isLatestJob").GetBoolean().Should().BeTrue();
        latestDocument.RootElement.GetProperty("job").GetProperty("id").GetString().Should().Be("job-fixed-0001");
        latestDocument.RootElement.GetProperty("events").GetArrayLength().Should().Be(10);
        using var checkpointDocument = JsonDocument.Parse(checkpoint.Output);
        var root = checkpointDocument.RootElement;
        root.GetProperty("checkpoint").GetProperty("messages").GetArrayLength().Should().Be(9);
        root.GetProperty("runId").GetString().Should().Be("by7kzsk0ble5vsgechz3zase");
        root.TryGetProperty("checkpoints", out _).Should().BeFalse();
    }

    [Test]
    public async Task Each_event_is_the_stored_event()
    {
        var result = await LogFixture.RunAsync(Store, "--json", "--job", "job-fixed-0001", "--type", "completeRun");

        using var document = JsonDocument.Parse(result.Output);
        var logged = document.RootElement.GetProperty("events")[0];
        var file = Directory.EnumerateFiles(Path.Combine(Store, "jobs", "job-fixed-0001"), "*-completeRun.json", SearchOption.AllDirectories).Single();
        using var stored = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        JsonElement.DeepEquals(logged, stored.RootElement).Should().BeTrue();
    }

    [Test]
    public async Task Pretty_indents_the_same_document()
    {
        var compact = await LogFixture.RunAsync(Store, "--json", "--job", "job-fixed-0001");
        var pretty = await LogFixture.RunAsync(Store, "--json", "--pretty", "--job", "job-fixed-0001");

        pretty.OutputLines.Length.Should().BeGreaterThan(100);
        pretty.OutputLines[1].Should().StartWith("  \"job\": {");
        using var a = JsonDocument.Parse(compact.Output);
        using var b = JsonDocument.Parse(pretty.Output);
        JsonElement.DeepEquals(a.RootElement, b.RootElement).Should().BeTrue();
    }

    [Test]
    public async Task A_corrupt_event_is_listed_under_problems_and_warned_about()
    {
        var corrupt = Directory.EnumerateFiles(Path.Combine(Store, "jobs", "job-fixed-0001"), "*-completeRun.json", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(corrupt, "");

        var result = await LogFixture.RunAsync(Store, "--json", "--job", "job-fixed-0001");

        result.ExitCode.Should().Be(0);
        result.ErrorLines.Should().ContainSingle().Which.Should().Be($"warning: skipped {corrupt}: the file is empty");
        using var document = JsonDocument.Parse(result.Output);
        var problem = document.RootElement.GetProperty("problems").EnumerateArray().Single();
        problem.GetProperty("path").GetString().Should().Be(corrupt);
        problem.GetProperty("reason").GetString().Should().Be("the file is empty");
        document.RootElement.GetProperty("events").GetArrayLength().Should().Be(9);
    }
}
