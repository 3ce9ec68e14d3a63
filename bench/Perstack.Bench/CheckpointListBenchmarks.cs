using BenchmarkDotNet.Attributes;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Files;

namespace Perstack.Bench;

/// <summary>Listing a job's 1,000 checkpoints of ~100 KB: the store's header index against parsing every file.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 7)]
public class CheckpointListBenchmarks : IDisposable
{
    private string _root = "";
    private StorageLayout _layout = null!;
    private FileCheckpointStore? _store;
    private readonly JobId _jobId = SyntheticHistory.CheckpointJobId;

    private FileCheckpointStore Checkpoints => _store ?? throw new InvalidOperationException("Setup has not run.");

    [GlobalSetup]
    public void Setup()
    {
        _root = SyntheticHistory.EnsureCheckpointStore();
        _layout = SyntheticHistory.Layout(_root);
        _store = new FileCheckpointStore(_layout);

        // The first listing builds (or repairs) checkpoint-index.json; every later one reads it.
        var listing = Checkpoints.ListAsync(_jobId).GetAwaiter().GetResult();
        Sanity.CheckCheckpoints(listing, ReferenceReader.GetCheckpointsByJobId(_root, _jobId));
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store?.Dispose();
            _store = null;
        }
    }

    /// <summary>Warm index: read checkpoint-index.json, check it against the folder's file names.</summary>
    [Benchmark]
    public Task<StoreListing<CheckpointSummary>> Store() => Checkpoints.ListAsync(_jobId);

    [IterationSetup(Target = nameof(StoreColdIndex))]
    public void DeleteIndex() => File.Delete(_layout.Cache.CheckpointIndexFile(_jobId)!);

    /// <summary>No index: scan every file's header (skipping messages), then write the index.</summary>
    [Benchmark]
    public Task<StoreListing<CheckpointSummary>> StoreColdIndex() => Checkpoints.ListAsync(_jobId);

    [Benchmark(Baseline = true)]
    public List<Checkpoint> FullParse() => ReferenceReader.GetCheckpointsByJobId(_root, _jobId);
}
