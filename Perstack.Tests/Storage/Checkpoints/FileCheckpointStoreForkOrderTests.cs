using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Checkpoints;

/// <summary>
/// After resuming from an earlier checkpoint, several checkpoints share a step number. The listing orders them
/// by step, then by write order (<see cref="Checkpoint.Sequence"/>), the same way every time.
/// </summary>
[TestFixture]
public sealed class FileCheckpointStoreForkOrderTests
{
    private static readonly JobId Job = JobId.Parse("forked-job");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path, _temp.CacheHome);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task SaveAsync_numbers_checkpoints_in_write_order()
    {
        var stored = await SaveForkedHistoryAsync();

        stored.Select(c => c.Sequence).Should().Equal(1L, 2L, 3L, 4L, 5L);
        (await _stores.Checkpoints.GetAsync(Job, stored[3].Id))!.Sequence.Should().Be(4);
    }

    [Test]
    public async Task ListAsync_orders_by_step_then_write_order_not_by_id()
    {
        await SaveForkedHistoryAsync();

        var listing = await _stores.Checkpoints.ListAsync(Job);

        // The fork's ids sort before the originals', so an id tie-break would put them first.
        listing.Problems.Should().BeEmpty();
        listing.Items.Select(s => s.Id.Value).Should().Equal("z-step1", "z-step2", "a-fork-step2", "z-step3", "a-fork-step3");
        listing.Items.Single(s => s.Id.Value == "a-fork-step2").ParentCheckpointId.Should().Be(CheckpointId.Parse("z-step1"));
    }

    [Test]
    public async Task ListAsync_gives_the_same_order_every_time()
    {
        await SaveForkedHistoryAsync();

        var first = await _stores.Checkpoints.ListAsync(Job);
        for (int i = 0; i < 5; i++)
        {
            (await _stores.Checkpoints.ListAsync(Job)).Items.Should().Equal(first.Items);
        }
    }

    [Test]
    public async Task Order_survives_deleting_the_index_because_each_file_records_its_sequence()
    {
        await SaveForkedHistoryAsync();
        var before = await _stores.Checkpoints.ListAsync(Job);
        File.Delete(_stores.Layout.Cache.CheckpointIndexFile(Job)!);

        var rebuilt = await _stores.Checkpoints.ListAsync(Job);

        File.Exists(_stores.Layout.Cache.CheckpointIndexFile(Job)!).Should().BeTrue("the listing rebuilds the index");
        rebuilt.Items.Should().Equal(before.Items);
        rebuilt.Items.Select(s => s.Sequence).Should().Equal(1L, 2L, 4L, 3L, 5L);
    }

    [Test]
    public async Task Writes_after_rebuilding_the_index_continue_the_sequence()
    {
        await SaveForkedHistoryAsync();
        File.Delete(_stores.Layout.Cache.CheckpointIndexFile(Job)!);

        var next = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 4, "after-rebuild"));

        next.Sequence.Should().Be(6);
    }

    [Test]
    public async Task Checkpoints_without_a_sequence_sort_before_ours_within_a_step_by_id()
    {
        // TypeScript checkpoints carry no sequence; they come first in their step, ordered by id.
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1, "ours"));
        foreach (var id in new[] { "ts-b", "ts-a" })
        {
            var file = _stores.Layout.CheckpointFile(Job, CheckpointId.Parse(id));
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(TestData.Checkpoint(Job, 1, id), PerstackJson.Checkpoint));
        }

        var listing = await _stores.Checkpoints.ListAsync(Job);

        listing.Items.Select(s => s.Id.Value).Should().Equal("ts-a", "ts-b", "ours");
    }

    private async Task<List<Checkpoint>> SaveForkedHistoryAsync()
    {
        var stored = new List<Checkpoint>();
        foreach (var (step, id) in new[] { (1, "z-step1"), (2, "z-step2"), (3, "z-step3") })
        {
            stored.Add(await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, step, id)));
        }

        // Resumed from step 1: a second branch at steps 2 and 3.
        var fork2 = TestData.Checkpoint(Job, 2, "a-fork-step2") with { ParentCheckpointId = CheckpointId.Parse("z-step1") };
        stored.Add(await _stores.Checkpoints.SaveAsync(fork2));
        var fork3 = TestData.Checkpoint(Job, 3, "a-fork-step3") with { ParentCheckpointId = fork2.Id };
        stored.Add(await _stores.Checkpoints.SaveAsync(fork3));
        return stored;
    }
}
