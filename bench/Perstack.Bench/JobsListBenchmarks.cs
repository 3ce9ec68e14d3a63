using BenchmarkDotNet.Attributes;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;

namespace Perstack.Bench;

/// <summary>Listing 10,000 jobs: the store against the reference's read-parse-validate-everything approach.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 7)]
public class JobsListBenchmarks
{
    private string _root = "";
    private FileJobStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = SyntheticHistory.EnsureJobsStore();
        var layout = new StorageLayout(new StorageOptions(_root));
        _store = new FileJobStore(layout, new FileJobLocks(layout));
        Sanity.CheckJobs(_store.ListAsync().GetAwaiter().GetResult(), ReferenceReader.GetAllJobs(_root));
    }

    [Benchmark]
    public Task<StoreListing<Job>> Store() => _store.ListAsync();

    [Benchmark(Baseline = true)]
    public List<Job> ReferenceStyle() => ReferenceReader.GetAllJobs(_root);
}
