using System.Text;
using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Tests.Storage.Jobs.Index;

[TestFixture]
public sealed class JobRecordCodecTests
{
    private static IEnumerable<Job> Jobs()
    {
        yield return new Job
        {
            Id = JobId.Parse("minimal"),
            Status = JobStatus.Running,
            CoordinatorExpertKey = "",
            Usage = Usage.Empty,
        };
        yield return new Job
        {
            Id = JobId.Parse("everything"),
            Status = JobStatus.StoppedByInteractiveTool,
            CoordinatorExpertKey = "@acme/writer@1.2.3",
            TotalSteps = long.MaxValue,
            MaxSteps = 50,
            Usage = new Usage { InputTokens = 1, OutputTokens = 2, ReasoningTokens = 3, TotalTokens = 4, CachedInputTokens = -5 },
            StartedAt = 1_700_000_000_000,
            FinishedAt = 1_700_000_000_001,
            UpdatedAt = 1_700_000_000_002,
            Title = "Ünïcode \"quoted\" title 🎉",
            ForkedFrom = new JobOrigin { JobId = JobId.Parse("origin"), CheckpointId = CheckpointId.Parse("cp-1") },
            ReadyToContinue = true,
        };
        yield return new Job
        {
            Id = JobId.Parse("from-a-newer-perstack"),
            Status = JobStatus.Completed,
            CoordinatorExpertKey = "x",
            Usage = Usage.Empty,
            UnknownFields = new Dictionary<string, JsonElement> { ["future"] = JsonSerializer.SerializeToElement(new[] { 1, 2 }) },
        };
    }

    [TestCaseSource(nameof(Jobs))]
    public void A_job_reads_back_exactly(Job job)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            JobRecordCodec.Write(writer, job);
        }

        var reader = new IndexReader(memory.ToArray(), 0);
        var read = JobRecordCodec.Read(ref reader, job.Id, new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());

        JsonSerializer.Serialize(read, PerstackJson.JobIndented).Should().Be(JsonSerializer.Serialize(job, PerstackJson.JobIndented));
        reader.Position.Should().Be((int)memory.Length);
    }

    [Test]
    public void The_codec_knows_every_property_of_Job()
    {
        // A new Job property must be added to JobRecordCodec (and JobsIndexFile.CurrentVersion bumped), or the
        // index would drop it from listings.
        typeof(Job).GetProperties().Select(p => p.Name).Should().BeEquivalentTo(
            "Id", "Status", "CoordinatorExpertKey", "TotalSteps", "MaxSteps", "Usage", "StartedAt", "FinishedAt",
            "UpdatedAt", "Title", "ForkedFrom", "ReadyToContinue", "IsDerived", "LastActivityAt", "UnknownFields");
        typeof(Usage).GetProperties().Where(p => p.Name != "Empty").Select(p => p.Name).Should().BeEquivalentTo(
            "InputTokens", "OutputTokens", "ReasoningTokens", "TotalTokens", "CachedInputTokens");
    }
}
