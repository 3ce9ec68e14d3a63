using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;

namespace Perstack.Bench;

/// <summary>
/// Where the time of a 10,000-job listing goes, piece by piece, and what a jobs index could buy. None of these
/// is a listing the app uses: they are floors (the file system work alone), the JSON work alone (files already in
/// memory), and prototypes of faster listings, so <c>docs/performance.md</c> can say what dominates.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 2, iterationCount: 7)]
public class JobsListBreakdownBenchmarks
{
    private static readonly JsonTypeInfo<List<Job>> CompactJobList =
        (JsonTypeInfo<List<Job>>)PerstackJson.Compact.GetTypeInfo(typeof(List<Job>));

    private string _jobsDirectory = "";
    private byte[][] _files = [];
    private string[] _texts = [];
    private string _indexFile = "";
    private string _jobsIndexFile = "";
    private JobId[] _ids = [];

    [GlobalSetup]
    public void Setup()
    {
        _jobsDirectory = Path.Combine(SyntheticHistory.EnsureJobsStore(), "jobs");
        _files = [.. Directory.EnumerateDirectories(_jobsDirectory).Select(d => File.ReadAllBytes(Path.Combine(d, "job.json")))];
        _texts = [.. _files.Select(b => System.Text.Encoding.UTF8.GetString(b))];

        // What a jobs index file would hold: every job.json, compact, in one array.
        var all = _files.Select(b => JsonSerializer.Deserialize(b, PerstackJson.JobIndented)!).ToList();
        // Kept beside the store, not in it, so the store under test never sees it.
        _indexFile = Path.Combine(SyntheticHistory.DataRoot, "jobs-index-prototype.json");
        File.WriteAllBytes(_indexFile, JsonSerializer.SerializeToUtf8Bytes(all, CompactJobList));

        // The store's own index, complete (JobsListBenchmarks.Setup makes sure of it), and the job ids in its order.
        new JobsListBenchmarks().Setup();
        _jobsIndexFile = SyntheticHistory.Layout(SyntheticHistory.EnsureJobsStore()).Cache.JobsIndexFile!;
        using var index = LoadedJobsIndex.Load(_jobsIndexFile);
        _ids = index.Ids;
    }

    /// <summary>readdir of jobs/ and the folder-name check, nothing else.</summary>
    [Benchmark]
    public int EnumerateOnly()
    {
        int n = 0;
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            n += JobId.TryParse(Path.GetFileName(directory), out _) ? 1 : 0;
        }

        return n;
    }

    /// <summary>readdir + one stat of each job.json (what validating an index entry by mtime/size costs).</summary>
    [Benchmark]
    public long EnumerateAndStat()
    {
        long sum = 0;
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            sum += File.GetLastWriteTimeUtc(Path.Combine(directory, "job.json")).Ticks & 1;
        }

        return sum;
    }

    /// <summary>readdir + one <c>FileStamps.Read</c> (statx) of each job.json: the floor of a listing through the jobs index.</summary>
    [Benchmark]
    public long EnumerateAndStamp()
    {
        long sum = 0;
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            sum += FileStamps.Read(Path.Combine(directory, "job.json"))?.Size ?? 0;
        }

        return sum;
    }

    /// <summary>statx of each job.json relative to the open jobs/ folder, on one thread, no readdir (ids known): the stamp floor of a listing.</summary>
    [Benchmark]
    public long StampInFolderOneThread() => StampInFolder(1);

    /// <summary>The same on every core (<see cref="JobFileStamper"/>), as the store does.</summary>
    [Benchmark]
    public long StampInFolderAllCores() => StampInFolder(Environment.ProcessorCount);

    /// <summary>jobs-index.bin read, checked and decoded (folder names and every record), no file system work besides.</summary>
    [Benchmark]
    public int IndexLoadAndDecode()
    {
        using var index = LoadedJobsIndex.Load(_jobsIndexFile);
        return index.TryDecodeEntries()?.Length ?? -1;
    }

    /// <summary>readdir + File.ReadAllBytes of each job.json (the floor for any listing that opens every file).</summary>
    [Benchmark]
    public long EnumerateAndReadSync()
    {
        long bytes = 0;
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            bytes += File.ReadAllBytes(Path.Combine(directory, "job.json")).Length;
        }

        return bytes;
    }

    /// <summary>readdir + await File.ReadAllBytesAsync of each job.json, one at a time (as FileJobStore reads).</summary>
    [Benchmark]
    public async Task<long> EnumerateAndReadAsync()
    {
        long bytes = 0;
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            bytes += (await File.ReadAllBytesAsync(Path.Combine(directory, "job.json")).ConfigureAwait(false)).Length;
        }

        return bytes;
    }

    private long StampInFolder(int threads)
    {
        using var folder = FileStamps.OpenFolder(_jobsDirectory);
        var stamps = new FileStamp?[_ids.Length];
        JobFileStamper.Start(folder, _jobsDirectory, _ids, stamps, threads, default).FinishAsync().GetAwaiter().GetResult();
        return stamps.Sum(s => s?.Size ?? 0);
    }

    /// <summary>Source-generated deserialization of the 10,000 files, already in memory.</summary>
    [Benchmark]
    public int DeserializeOnly()
    {
        int n = 0;
        foreach (var bytes in _files)
        {
            n += JsonSerializer.Deserialize(bytes, PerstackJson.JobIndented) is null ? 0 : 1;
        }

        return n;
    }

    /// <summary>JsonNode.Parse of the 10,000 texts, already in memory (the reference's JSON.parse, without validation).</summary>
    [Benchmark]
    public int JsonNodeParseOnly()
    {
        int n = 0;
        foreach (var text in _texts)
        {
            n += JsonNode.Parse(text) is JsonObject ? 1 : 0;
        }

        return n;
    }

    /// <summary>Prototype: the store's per-file work with synchronous reads, spread over all cores.</summary>
    [Benchmark]
    public List<Job> PrototypeParallelSyncRead()
    {
        var directories = Directory.GetDirectories(_jobsDirectory);
        var jobs = new Job?[directories.Length];
        Parallel.For(0, directories.Length, i =>
            jobs[i] = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(directories[i], "job.json")), PerstackJson.JobIndented));
        var list = jobs.OfType<Job>().ToList();
        list.Sort((a, b) => b.StartedAt.CompareTo(a.StartedAt));
        return list;
    }

    /// <summary>
    /// Prototype of a jobs index checked against folder names only (as checkpoint-index.json is): readdir, read one
    /// compact file holding every job, match entries to folders, sort.
    /// </summary>
    [Benchmark]
    public List<Job> PrototypeIndexByFolderNames()
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(_jobsDirectory))
        {
            folders.Add(Path.GetFileName(directory));
        }

        var jobs = JsonSerializer.Deserialize(File.ReadAllBytes(_indexFile), CompactJobList)!;
        jobs.RemoveAll(j => !folders.Contains(j.Id.Value));
        jobs.Sort((a, b) => b.StartedAt.CompareTo(a.StartedAt));
        return jobs;
    }

    /// <summary>
    /// Prototype of a jobs index checked by one stat of jobs/ (its mtime moves when a job folder is added, removed or
    /// renamed) instead of a readdir: read the compact index, sort. What is left is deserializing 10,000 jobs.
    /// </summary>
    [Benchmark]
    public List<Job> PrototypeIndexByRootMtime()
    {
        _ = Directory.GetLastWriteTimeUtc(_jobsDirectory);
        var jobs = JsonSerializer.Deserialize(File.ReadAllBytes(_indexFile), CompactJobList)!;
        jobs.Sort((a, b) => b.StartedAt.CompareTo(a.StartedAt));
        return jobs;
    }
}
