using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>
/// Jobs derived from their checkpoints (no job.json) stay fast in the listing: the jobs index keeps each one keyed on
/// the stamp of its <c>checkpoints/</c> folder, and derives it again once a checkpoint is added or a job.json appears.
/// </summary>
[TestFixture]
public sealed class DerivedJobIndexTests
{
    private static readonly JobId Job = JobId.Parse("tsmaininterrupted0000001");

    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        Fixture.CopyTo(Fixture.TsMainRoot, _temp.Path);
        _store = new IndexedListingFixture(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task A_derived_job_is_kept_in_the_index_and_derived_again_when_a_checkpoint_is_added()
    {
        var first = await _store.Jobs.ListAsync();
        _store.Index().Should().ContainKey(Job.Value).WhoseValue.Job.IsDerived.Should().BeTrue();
        first.Items.Single(j => j.Id == Job).TotalSteps.Should().Be(2);

        // Another writer adds step 3 (today's TypeScript writes new checkpoint files, never job.json).
        var checkpoints = _store.Layout.CheckpointsDirectory(Job);
        var last = File.ReadAllText(Path.Combine(checkpoints, "tsmaincp0000000000000012.json"));
        File.WriteAllText(Path.Combine(checkpoints, "tsmaincp0000000000000013.json"), last
            .Replace("tsmaincp0000000000000012", "tsmaincp0000000000000013", StringComparison.Ordinal)
            .Replace("\"stepNumber\":2", "\"stepNumber\":3", StringComparison.Ordinal)
            .Replace("\"status\":\"proceeding\"", "\"status\":\"completed\"", StringComparison.Ordinal));

        var second = await _store.Jobs.ListAsync();

        var job = second.Items.Single(j => j.Id == Job);
        job.TotalSteps.Should().Be(3);
        job.Status.Should().Be(JobStatus.Completed);
        second.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task A_job_json_that_appears_wins_over_the_derived_record()
    {
        await _store.Jobs.ListAsync();
        var derived = (await _store.Jobs.ListAsync()).Items.Single(j => j.Id == Job);

        await _store.Stores.Jobs.SaveAsync(derived with { IsDerived = false, Title = "Continued", Status = JobStatus.Completed });

        var listed = (await _store.Jobs.ListAsync()).Items.Single(j => j.Id == Job);
        listed.IsDerived.Should().BeFalse();
        listed.Title.Should().Be("Continued");
    }
}
