using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Checkpoints;

/// <summary>
/// The per-job checkpoint index (<c>checkpoint-index.json</c>): created by the first listing, read by the next
/// ones, and repaired when checkpoint files appear, vanish or change behind its back.
/// </summary>
[TestFixture]
public sealed class CheckpointIndexTests
{
    private static readonly JobId FixtureJob = JobId.Parse("zx1gh1dxk13tzk3lx8vtxyt9");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private string _indexFile = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(Fixture.CopyTo(_temp.Path), _temp.CacheHome);
        _indexFile = _stores.Layout.Cache.CheckpointIndexFile(FixtureJob)!;
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task First_listing_creates_an_index_of_every_checkpoint_and_the_second_listing_agrees()
    {
        File.Exists(_indexFile).Should().BeFalse("the TypeScript runtime writes no index");
        var files = CheckpointFileIds();

        var first = await _stores.Checkpoints.ListAsync(FixtureJob);

        File.Exists(_indexFile).Should().BeTrue();
        var index = ReadIndex();
        index["version"]!.GetValue<int>().Should().Be(CheckpointIndex.CurrentVersion);
        IndexedIds(index).Should().BeEquivalentTo(files);
        first.Items.Select(s => s.Id.Value).Should().BeEquivalentTo(files);

        var second = await _stores.Checkpoints.ListAsync(FixtureJob);

        second.Problems.Should().BeEmpty();
        second.Items.Should().Equal(first.Items);
        IndexedIds(ReadIndex()).Should().BeEquivalentTo(files);
    }

    [Test]
    public async Task Next_listing_reads_headers_from_the_index_instead_of_the_files()
    {
        await _stores.Checkpoints.ListAsync(FixtureJob);
        var index = ReadIndex();
        var tampered = index["entries"]!.AsArray()[0]!;
        var tamperedId = tampered["id"]!.GetValue<string>();
        tampered["usage"]!["totalTokens"] = 424242;
        File.WriteAllText(_indexFile, index.ToJsonString());

        var listing = await _stores.Checkpoints.ListAsync(FixtureJob);

        listing.Items.Single(s => s.Id.Value == tamperedId).Usage.TotalTokens.Should().Be(424242);
    }

    [Test]
    public async Task A_checkpoint_file_added_behind_the_index_appears_in_the_next_listing_and_the_index()
    {
        var before = await _stores.Checkpoints.ListAsync(FixtureJob);
        var source = before.Items[^1];
        var copy = JsonNode.Parse(File.ReadAllText(_stores.Layout.CheckpointFile(FixtureJob, source.Id)))!;
        var newId = CheckpointId.Parse("added-behind-the-index");
        copy["id"] = newId.Value;
        File.WriteAllText(_stores.Layout.CheckpointFile(FixtureJob, newId), copy.ToJsonString());

        var after = await _stores.Checkpoints.ListAsync(FixtureJob);

        after.Problems.Should().BeEmpty();
        after.Items.Should().HaveCount(before.Items.Count + 1);
        var added = after.Items.Single(s => s.Id == newId);
        added.Should().Be(source with { Id = newId });
        IndexedIds(ReadIndex()).Should().Contain(newId.Value);
    }

    [Test]
    public async Task A_checkpoint_file_deleted_behind_the_index_leaves_the_listing_and_the_index()
    {
        var before = await _stores.Checkpoints.ListAsync(FixtureJob);
        var gone = before.Items[0].Id;
        File.Delete(_stores.Layout.CheckpointFile(FixtureJob, gone));

        var after = await _stores.Checkpoints.ListAsync(FixtureJob);

        after.Problems.Should().BeEmpty();
        after.Items.Should().Equal(before.Items.Skip(1));
        IndexedIds(ReadIndex()).Should().NotContain(gone.Value);
    }

    [TestCase("{\"version\":1,\"entr")]
    [TestCase("")]
    [TestCase("null")]
    [TestCase("{\"version\":99,\"entries\":[]}")]
    public async Task An_unreadable_or_foreign_index_is_rebuilt_from_the_files(string indexContent)
    {
        var expected = await _stores.Checkpoints.ListAsync(FixtureJob);
        File.WriteAllText(_indexFile, indexContent);

        var listing = await _stores.Checkpoints.ListAsync(FixtureJob);

        listing.Problems.Should().BeEmpty();
        listing.Items.Should().Equal(expected.Items);
        IndexedIds(ReadIndex()).Should().BeEquivalentTo(CheckpointFileIds());
    }

    [Test]
    public async Task A_checkpoint_file_damaged_after_it_was_indexed_is_reported_not_served_from_the_index()
    {
        var before = await _stores.Checkpoints.ListAsync(FixtureJob);
        var damaged = before.Items[^1].Id;
        var path = _stores.Layout.CheckpointFile(FixtureJob, damaged);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var after = await _stores.Checkpoints.ListAsync(FixtureJob);

        after.Problems.Should().ContainSingle().Which.Path.Should().Be(path);
        after.Items.Should().Equal(before.Items.SkipLast(1));
    }

    [Test]
    public async Task SaveAsync_records_the_new_checkpoint_in_the_index()
    {
        var stored = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(FixtureJob, stepNumber: 6));

        var entry = ReadIndex()["entries"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == stored.Id.Value)!;
        entry["stepNumber"]!.GetValue<long>().Should().Be(6);
        entry["sequence"]!.GetValue<long>().Should().Be(stored.Sequence);
        (await _stores.Checkpoints.ListAsync(FixtureJob)).Items[^1].Should().Be(CheckpointSummary.From(stored));
    }

    private JsonNode ReadIndex() => JsonNode.Parse(File.ReadAllText(_indexFile))!;

    private static List<string> IndexedIds(JsonNode index) =>
        index["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();

    private List<string> CheckpointFileIds() =>
        Directory.EnumerateFiles(_stores.Layout.CheckpointsDirectory(FixtureJob), "*.json")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .ToList();
}
