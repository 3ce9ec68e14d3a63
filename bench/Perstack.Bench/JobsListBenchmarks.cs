using BenchmarkDotNet.Attributes;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Bench;

/// <summary>Listing 10,000 jobs: the store (through its jobs index) against the reference's read-parse-validate-everything approach.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[SimpleJob(warmupCount: 2, iterationCount: 7)]
public class JobsListBenchmarks
{
    private string _root = "";
    private StorageLayout _layout = null!;
    private FileJobStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = SyntheticHistory.EnsureJobsStore();
        _layout = SyntheticHistory.Layout(_root);
        _store = new FileJobStore(_layout, new FileJobLocks(_layout));
        var reference = ReferenceReader.GetAllJobs(_root);
        Sanity.CheckJobs(_store.ListAsync().GetAwaiter().GetResult(), reference);

        // The index keeps only files written over a second ago; a data set generated a moment ago needs a second listing.
        if (JobsIndexFile.Read(_layout.Cache.JobsIndexFile!).Entries.Count != SyntheticHistory.JobCount)
        {
            Thread.Sleep(FileStamp.SettleTime * 2);
            _store.ListAsync().GetAwaiter().GetResult();
        }

        Sanity.Require(JobsIndexFile.Read(_layout.Cache.JobsIndexFile!).Entries.Count == SyntheticHistory.JobCount, "the jobs index does not hold every job");
        Sanity.CheckJobs(_store.ListAsync().GetAwaiter().GetResult(), reference);
    }

    /// <summary>For <see cref="StoreColdIndex"/>: the index is gone, as after an upgrade or when it was deleted.</summary>
    [IterationSetup(Target = nameof(StoreColdIndex))]
    public void DeleteIndex() => File.Delete(_layout.Cache.JobsIndexFile!);

    /// <summary>The store with its index up to date: readdir, one statx per job.json, the index.</summary>
    [Benchmark]
    public Task<StoreListing<Job>> Store() => _store.ListAsync();

    /// <summary>The store without an index: every job.json is read and parsed, then the index is written (fsync'd).</summary>
    [Benchmark]
    public Task<StoreListing<Job>> StoreColdIndex() => _store.ListAsync();

    [Benchmark(Baseline = true)]
    public List<Job> ReferenceStyle() => ReferenceReader.GetAllJobs(_root);
}
