using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Search;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Search;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Search;

/// <summary>The local search index: built from the stores, kept in the cache folder, refreshed by folder stamps.</summary>
public sealed class FileHistorySearchTests
{
    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private FakeClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(Path.Combine(_temp.Path, "perstack"), _temp.CacheHome);
        _clock = new FakeClock();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Every_jobs_messages_and_tool_results_are_searchable_and_kept_in_the_cache_folder()
    {
        await AddJobAsync("job-a", ("ck-a1", "please fix the flaky login test"), ("ck-a2", "npm test: 3 passing"));
        await AddJobAsync("job-b", ("ck-b1", "write release notes"));
        var search = NewSearch();

        var status = await search.RefreshAsync();

        status.Should().Be(new SearchIndexStatus(2, 2, Building: false));
        var hit = search.Search(SearchQuery.Parse("passing"), 10).Hits.Should().ContainSingle().Subject;
        (hit.JobId.Value, hit.CheckpointId.Value, hit.StepNumber, hit.Line).Should().Be(("job-a", "ck-a2", 2L, "npm test: 3 passing"));
        File.Exists(_stores.Layout.Cache.SearchIndexFile).Should().BeTrue();
        _stores.Layout.Cache.SearchIndexFile.Should().StartWith(_temp.CacheHome, "the index is a cache: outside the history");
    }

    [Test]
    public async Task A_new_index_answers_from_the_cache_file_before_it_lists_the_history()
    {
        await AddJobAsync("job-a", ("ck-a1", "the flaky login test"));
        await NewSearch().RefreshAsync();
        var fresh = NewSearch();
        var firstResults = new List<int>();

        await fresh.RefreshAsync(new Progress(_ => firstResults.Add(fresh.Search(SearchQuery.Parse("flaky"), 10).Hits.Count)));

        firstResults[0].Should().Be(1, "the first report comes from the cache file alone");
    }

    [Test]
    public async Task A_refresh_reads_only_the_jobs_whose_checkpoints_changed_and_drops_deleted_ones()
    {
        await AddJobAsync("job-a", ("ck-a1", "alpha"));
        await AddJobAsync("job-b", ("ck-b1", "bravo"));
        var counting = new CountingCheckpoints(_stores.Checkpoints);
        var search = new FileHistorySearch(_stores.Layout, _stores.Jobs, counting, _clock);
        await search.RefreshAsync();
        counting.Reads.Should().Be(2);

        _clock.Advance(TimeSpan.FromSeconds(5)); // the folders are settled now
        await search.RefreshAsync();
        counting.Reads.Should().Be(4, "folders written within a second of the stamp are read again once");
        await search.RefreshAsync();
        counting.Reads.Should().Be(4, "nothing changed");

        await _stores.Checkpoints.SaveAsync(Checkpoint("job-a", "ck-a2", 2, "charlie"));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await search.RefreshAsync();
        counting.Reads.Should().Be(6, "job-a's two checkpoints, not job-b's");
        search.Search(SearchQuery.Parse("charlie"), 10).Hits.Should().ContainSingle().Which.JobId.Value.Should().Be("job-a");

        await _stores.Jobs.DeleteAsync(JobId.Parse("job-b"));
        await search.RefreshAsync();
        search.Search(SearchQuery.Parse("bravo"), 10).Hits.Should().BeEmpty();
        search.Status.Should().Be(new SearchIndexStatus(1, 1, Building: false));
    }

    [Test]
    public async Task An_unreadable_checkpoint_is_left_out_and_the_rest_of_the_job_stays_searchable()
    {
        await AddJobAsync("job-a", ("ck-a1", "alpha"), ("ck-a2", "bravo"));
        var broken = Path.Combine(_stores.Layout.CheckpointsDirectory(JobId.Parse("job-a")), "ck-a2.json");
        await File.WriteAllBytesAsync(broken, [.. "{\"id\":\"ck-a2\",\"messages\":[{\"text\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}]"u8]);
        var search = NewSearch();

        await search.RefreshAsync();

        search.Search(SearchQuery.Parse("alpha"), 10).Hits.Should().ContainSingle();
        search.Search(SearchQuery.Parse("bravo"), 10).Hits.Should().BeEmpty();
    }

    [TestCase("garbage")]
    [TestCase("truncated")]
    [TestCase("forged")]
    public async Task A_damaged_or_forged_cache_file_is_ignored_and_rebuilt(string damage)
    {
        await AddJobAsync("job-a", ("ck-a1", "alpha"));
        await NewSearch().RefreshAsync();
        var file = _stores.Layout.Cache.SearchIndexFile!;
        var bytes = await File.ReadAllBytesAsync(file);
        byte[] damaged = damage switch
        {
            "garbage" => [.. "PSSEARCH"u8, 1, 2, 3],
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => Forge(bytes),
        };
        await File.WriteAllBytesAsync(file, damaged);

        SearchIndexFile.Read(file).Should().BeEmpty();
        var search = NewSearch();
        await search.RefreshAsync();
        search.Search(SearchQuery.Parse("alpha"), 10).Hits.Should().ContainSingle();
    }

    /// <summary>A file with a valid checksum whose line starts point outside its text.</summary>
    private static byte[] Forge(byte[] valid)
    {
        var document = new SearchDocument
        {
            JobId = JobId.Parse("job-a"),
            ExpertKey = "x",
            LastActivityAt = 1,
            Text = "short",
            LineStarts = [0, 900],
            LineCheckpoints = [0, 0],
            Checkpoints = [new SearchCheckpoint(CheckpointId.Parse("ck-a1"), 1)],
        };
        var forged = SearchIndexFile.Encode([new SearchIndexEntry(1, document)]).ToArray();
        forged.Should().NotEqual(valid);
        return forged;
    }

    private FileHistorySearch NewSearch() => new(_stores.Layout, _stores.Jobs, _stores.Checkpoints, _clock);

    private async Task AddJobAsync(string jobId, params (string Id, string Text)[] checkpoints)
    {
        await _stores.Jobs.SaveAsync(TestData.Job(jobId));
        for (int i = 0; i < checkpoints.Length; i++)
        {
            await _stores.Checkpoints.SaveAsync(Checkpoint(jobId, checkpoints[i].Id, i + 1, checkpoints[i].Text));
        }
    }

    private static Checkpoint Checkpoint(string jobId, string id, long step, string text) =>
        TestData.Checkpoint(JobId.Parse(jobId), step, id) with
        {
            Messages = [new UserMessage { Id = "m-" + id, Contents = [new TextPart { Id = "p-" + id, Text = text }] }],
        };

    private sealed class Progress(Action<SearchIndexStatus> report) : IProgress<SearchIndexStatus>
    {
        public void Report(SearchIndexStatus value) => report(value);
    }

    private sealed class FakeClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class CountingCheckpoints(ICheckpointStore inner) : ICheckpointStore
    {
        public int Reads { get; private set; }

        public Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default)
        {
            Reads++;
            return inner.GetAsync(jobId, checkpointId, cancellationToken);
        }

        public IReadOnlyList<JobId> FindJobs(CheckpointId checkpointId) => inner.FindJobs(checkpointId);

        public Task<Checkpoint> SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) => inner.SaveAsync(checkpoint, cancellationToken);

        public Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default) => inner.ListAsync(jobId, cancellationToken);
    }
}
