using System.Text.Json;
using FluentAssertions;
using Perstack.App.Features.Jobs;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

[TestFixture]
public sealed class JobListJsonTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(2_000)] // many 64 KB chunks
    public async Task Writes_what_serializing_the_whole_list_writes(int count)
    {
        var jobs = Enumerable.Range(0, count).Select(Job).ToList();
        using var output = new StringWriter();

        await JobListJson.WriteAsync(output, jobs, CancellationToken.None);

        output.ToString().Should().Be(JsonSerializer.Serialize(jobs, PerstackJson.JobListIndented) + output.NewLine);
    }

    private static Job Job(int i) => TestData.Job($"job-{i}", startedAt: 1_700_000_000_000 - i) with
    {
        Title = i % 4 == 0 ? $"Tïtle <{i}> \"quoted\" 🎉" : null,
        MaxSteps = i % 3 == 0 ? 50 : null,
        ForkedFrom = i % 5 == 0 ? new JobOrigin { JobId = JobId.Parse("origin"), CheckpointId = CheckpointId.Parse("cp") } : null,
        UnknownFields = i % 7 == 0 ? new Dictionary<string, JsonElement> { ["future"] = JsonSerializer.SerializeToElement(new { a = i, b = "ü" }) } : null,
    };
}
