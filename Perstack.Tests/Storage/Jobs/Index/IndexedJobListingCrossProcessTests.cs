using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>The index while another process writes: a job it creates appears, and its rewrites are never missed.</summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
[NonParallelizable]
public sealed class IndexedJobListingCrossProcessTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        await _store.Jobs.SaveAsync(TestData.Job("job-mine"));
        await _store.Jobs.ListAsync();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    [CancelAfter(120_000)]
    public async Task Listings_during_another_process_writes_never_go_back_and_end_at_the_file(CancellationToken cancellationToken)
    {
        var jobId = JobId.Parse("job-other");
        long lastSeen = 0;
        using (await StoreWriterProcess.StartAsync("write", _temp.Path, jobId.Value, "ready", cancellationToken))
        {
            // The writer rewrites job.json (atomic rename) as fast as it can; two listers race with it and each other.
            for (int round = 0; round < 40; round++)
            {
                long floor = lastSeen; // what listings that finished before this round saw
                var listings = await Task.WhenAll(_store.Jobs.ListAsync(cancellationToken), _store.Jobs.ListAsync(cancellationToken));
                foreach (var listing in listings)
                {
                    listing.Problems.Should().BeEmpty();
                    listing.Items.Select(j => j.Id.Value).Should().Contain("job-mine");
                    long steps = listing.Items.Single(j => j.Id == jobId).TotalSteps;
                    steps.Should().BeGreaterThanOrEqualTo(floor);
                    lastSeen = Math.Max(lastSeen, steps);
                }
            }
        }

        var final = await _store.Jobs.ListAsync(cancellationToken);
        IndexedListingFixture.Json(final).Should().Equal(_store.Truth());
        final.Items.Single(j => j.Id == jobId).TotalSteps.Should().BeGreaterThanOrEqualTo(lastSeen);
        var stored = await _store.Jobs.GetAsync(jobId, cancellationToken);
        IndexedListingFixture.Json(final.Items.Single(j => j.Id == jobId)).Should().Be(IndexedListingFixture.Json(stored!));
    }

    [Test]
    public async Task In_place_rewrites_racing_listings_are_never_missed()
    {
        // As the TypeScript runtime writes: same file, no rename, the same size every time (one digit changes), often
        // several times in one tick of the file system's clock. With the real clock the index keeps no record of a
        // file written in the last second, which is what makes this safe.
        var lister = new Stores(_temp.Path, _temp.CacheHome).Jobs;
        var job = TestData.Job("job-mine");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i = (i + 1) % 10)
            {
                _store.WriteInPlace(job with { TotalSteps = i });
            }
        });

        for (int round = 0; round < 50; round++)
        {
            await lister.ListAsync();
        }

        await stop.CancelAsync();
        await writer;
        _store.WriteInPlace(job with { TotalSteps = 5 });

        (await lister.ListAsync()).Items.Single().TotalSteps.Should().Be(5);
    }
}
