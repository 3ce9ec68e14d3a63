using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>
/// A store whose clock runs an hour ahead, so every job.json is old enough for the index to keep (with the real
/// clock, files written a moment ago are never kept: see <see cref="FileStamp.IsSettled"/>). That is the hardest
/// case for the index: every record is trusted as soon as it is written.
/// </summary>
internal sealed class IndexedListingFixture
{
    /// <summary>A store at <paramref name="root"/> (a <see cref="TempDirectory"/>), its caches in the temp folder's cache home.</summary>
    public IndexedListingFixture(string root)
    {
        Stores = new Stores(root, root + "-cache");
        Jobs = new FileJobStore(Stores.Layout, Stores.Locks, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)));
    }

    public Stores Stores { get; }

    /// <summary>The store under test (clock an hour ahead).</summary>
    public FileJobStore Jobs { get; }

    public StorageLayout Layout => Stores.Layout;

    /// <summary>The index's entries by job id.</summary>
    public Dictionary<string, JobsIndexEntry> Index() => JobsIndexFile.Read(Layout.Cache.JobsIndexFile!).Entries.ToDictionary(e => e.Job.Id.Value);

    /// <summary>What a listing must say: every job.json parsed, as the store did before the index (unreadable ones and ones naming another job left out).</summary>
    public List<string> Truth()
    {
        var jobs = Directory.GetDirectories(Layout.JobsDirectory)
            .Select(d => (Folder: Path.GetFileName(d), Job: TryParse(Path.Combine(d, "job.json"))))
            .Where(x => x.Job is not null && x.Job.Id.Value == x.Folder)
            .Select(x => x.Job!)
            .OrderByDescending(j => j.StartedAt).ThenBy(j => j.Id.Value, StringComparer.Ordinal)
            .ToList();
        return jobs.Select(Json).ToList();
    }

    public static List<string> Json(StoreListing<Job> listing) => listing.Items.Select(Json).ToList();

    /// <summary>A job as JSON, so records with unknown fields compare by content.</summary>
    public static string Json(Job job) => JsonSerializer.Serialize(job, PerstackJson.JobIndented);

    private static Job? TryParse(string file)
    {
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllBytes(file), PerstackJson.JobIndented) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Rewrites job.json in place, as the TypeScript runtime's writeFileSync does (same inode, no rename).</summary>
    public void WriteInPlace(Job job)
    {
        using var stream = new FileStream(Layout.JobFile(job.Id), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented);
        stream.SetLength(0);
        stream.Write(bytes);
    }
}
