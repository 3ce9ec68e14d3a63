using BenchmarkDotNet.Attributes;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Files;

namespace Perstack.Bench;

/// <summary>Listing a job's 1,000 checkpoints of ~100 KB: the store's header index against parsing every file.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class CheckpointListBenchmarks
{
    private string _root = "";
    private StorageLayout _layout = null!;
    private FileCheckpointStore _store = null!;
    private readonly JobId _jobId = SyntheticHistory.CheckpointJobId;

    [GlobalSetup]
    public void Setup()
    {
        _root = SyntheticHistory.EnsureCheckpointStore();
        _layout = new StorageLayout(new StorageOptions(_root));
        _store = new FileCheckpointStore(_layout);

        // The first listing builds (or repairs) checkpoint-index.json; every later one reads it.
        var listing = _store.ListAsync(_jobId).GetAwaiter().GetResult();
        Sanity.CheckCheckpoints(listing, ReferenceReader.GetCheckpointsByJobId(_root, _jobId));
    }

    /// <summary>Warm index: read checkpoint-index.json, check it against the folder's file names.</summary>
    [Benchmark]
    public Task<StoreListing<CheckpointSummary>> Store() => _store.ListAsync(_jobId);

    [IterationSetup(Target = nameof(StoreColdIndex))]
    public void DeleteIndex() => File.Delete(_layout.CheckpointIndexFile(_jobId));

    /// <summary>No index: scan every file's header (skipping messages), then write the index.</summary>
    [Benchmark]
    public Task<StoreListing<CheckpointSummary>> StoreColdIndex() => _store.ListAsync(_jobId);

    [Benchmark(Baseline = true)]
    public List<Checkpoint> FullParse() => ReferenceReader.GetCheckpointsByJobId(_root, _jobId);
}
