using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Jobs;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>The stamps are taken on several threads; the listing must be the one a single thread gives, whatever the history holds.</summary>
[TestFixture]
public sealed class IndexedJobListingThreadsTests
{
    private const int JobCount = 1100; // enough for 4 threads to each take a share (JobFileStamper's minimum is 256)

    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)); // every file settled, as the fixture's store
        for (int i = 0; i < JobCount; i++)
        {
            Write(TestData.Job($"job-{i:0000}", startedAt: 1_700_000_000_000 + (i % 97)));
        }

        Directory.CreateDirectory(Path.Combine(_store.Layout.JobsDirectory, "not a job id"));
        Directory.CreateDirectory(Path.Combine(_store.Layout.JobsDirectory, "no-job-json"));
        Write(TestData.Job("job-0007") with { Title = "in the wrong folder" }, folder: "job-misplaced");
        File.WriteAllText(_store.Layout.JobFile(JobId.Parse("job-0500")), "{ \"id\": ");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Every_state_of_the_history_lists_the_same_with_one_thread_and_with_four()
    {
        var built = await ListBothWaysAsync("no index yet");
        built.Problems.Select(p => Path.GetRelativePath(_store.Layout.JobsDirectory, p.Path))
            .Should().Equal("job-0500/job.json", "job-misplaced/job.json", "no-job-json/job.json", "not a job id");
        _store.Index().Should().HaveCount(JobCount - 1);

        await ListBothWaysAsync("the index up to date");

        for (int i = 3; i < JobCount; i += 37)
        {
            _store.WriteInPlace(TestData.Job($"job-{i:0000}", startedAt: 1_700_000_000_000 + (i % 97)) with { TotalSteps = 4 });
        }

        File.Delete(_store.Layout.JobFile(JobId.Parse("job-0010")));
        File.WriteAllText(_store.Layout.JobFile(JobId.Parse("job-0020")), "not json");
        var rewritten = await ListBothWaysAsync("job.json files rewritten in place, removed and damaged (jobs/ unchanged)");
        rewritten.Items.Count(j => j.TotalSteps == 4).Should().Be(30);
        rewritten.Problems.Should().HaveCount(6);

        Write(TestData.Job("job-new", startedAt: 1_800_000_000_000));
        var grown = await ListBothWaysAsync("a job folder added");
        grown.Items[0].Id.Value.Should().Be("job-new");
    }

    /// <summary>Lists with one thread and with four from the same index, checks they agree with each other and with the files, and leaves the index the four-thread listing wrote.</summary>
    private async Task<StoreListing<Job>> ListBothWaysAsync(string state)
    {
        var path = _store.Layout.Cache.JobsIndexFile!;
        byte[]? index = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
        var sequential = await IndexedJobListing.ReadAsync(_store.Layout, new JobDeriver(_store.Layout), _clock, threads: 1, default);
        byte[]? afterSequential = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
        Restore(path, index);

        var parallel = await IndexedJobListing.ReadAsync(_store.Layout, new JobDeriver(_store.Layout), _clock, threads: 4, default);

        IndexedListingFixture.Json(parallel).Should().Equal(IndexedListingFixture.Json(sequential), state).And.Equal(_store.Truth(), state);
        parallel.Problems.Should().Equal(sequential.Problems, state);
        (File.Exists(path) ? await File.ReadAllBytesAsync(path) : null).Should().Equal(afterSequential, $"{state}: the same index written");
        return parallel;
    }

    private static void Restore(string path, byte[]? bytes)
    {
        if (bytes is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    private void Write(Job job, string? folder = null)
    {
        var directory = Path.Combine(_store.Layout.JobsDirectory, folder ?? job.Id.Value);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "job.json"), JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented));
    }
}
