using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Checkpoints;

/// <summary>The checkpoint listing reads the TypeScript runtime's files through the header reader, losing nothing a listing shows.</summary>
[TestFixture]
public sealed class FileCheckpointStoreFixtureTests
{
    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    private static IEnumerable<TestCaseData> FixtureJobs() =>
        Directory.EnumerateDirectories(Fixture.JobsDirectory)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(id => new TestCaseData(id!).SetArgDisplayNames(id!));

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(Fixture.CopyTo(_temp.Path));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCaseSource(nameof(FixtureJobs))]
    public async Task ListAsync_returns_the_header_of_every_checkpoint_by_step_then_id(string job)
    {
        var jobId = JobId.Parse(job);
        var full = ReadAllCheckpoints(jobId);
        full.Should().NotBeEmpty();
        var expected = full
            .OrderBy(c => c.StepNumber)
            .ThenBy(c => c.Id.Value, StringComparer.Ordinal)
            .Select(CheckpointSummary.From)
            .ToList();

        var listing = await _stores.Checkpoints.ListAsync(jobId);

        listing.Problems.Should().BeEmpty();
        listing.Items.Should().Equal(expected);
    }

    [TestCaseSource(nameof(FixtureJobs))]
    public async Task GetAsync_returns_every_checkpoint_in_full(string job)
    {
        var jobId = JobId.Parse(job);

        foreach (var expected in ReadAllCheckpoints(jobId))
        {
            var actual = await _stores.Checkpoints.GetAsync(jobId, expected.Id);

            actual.Should().NotBeNull();
            JsonSerializer.Serialize(actual, PerstackJson.Checkpoint).Should().Be(JsonSerializer.Serialize(expected, PerstackJson.Checkpoint));
        }
    }

    [Test]
    public async Task Delegate_checkpoints_keep_their_delegated_by_header()
    {
        var jobId = JobId.Parse("r5fwacdzy063tewk7tqaxskw");

        var listing = await _stores.Checkpoints.ListAsync(jobId);

        listing.Items.Should().Contain(s => s.DelegatedBy != null && s.DelegatedBy.Expert.Key == "fake-coordinator" && s.Expert.Key == "fake-worker");
        listing.Items.Should().Contain(s => s.Status == CheckpointStatus.StoppedByDelegate);
    }

    private List<Checkpoint> ReadAllCheckpoints(JobId jobId) =>
        Directory.EnumerateFiles(_stores.Layout.CheckpointsDirectory(jobId), "*.json")
            .Select(path => JsonSerializer.Deserialize(File.ReadAllBytes(path), PerstackJson.Checkpoint)!)
            .ToList();
}
