using System.IO.Enumeration;
using Perstack.Core.Domain;

namespace Perstack.Storage.Jobs.Index;

/// <summary>
/// The folders of <c>jobs/</c> a listing checks: the job folders, each with the slot of its index entry (-1 when it
/// has none), and the names that are not job ids (reported as problems). Taken from the index while <c>jobs/</c>
/// has not changed since the index was written, else read from the folder.
/// </summary>
internal sealed class JobFolders
{
    private JobFolders(IReadOnlyList<JobId> ids, int[] slots, List<string> invalidNames)
    {
        Ids = ids;
        Slots = slots;
        InvalidNames = invalidNames;
    }

    /// <summary>The job folders.</summary>
    public IReadOnlyList<JobId> Ids { get; }

    /// <summary>For each of <see cref="Ids"/>, the slot of its entry in the index, or -1.</summary>
    public int[] Slots { get; }

    /// <summary>Folder names that are not job ids.</summary>
    public List<string> InvalidNames { get; }

    /// <summary>The folders the index names: its entries, then its other folders.</summary>
    public static JobFolders FromIndex(LoadedJobsIndex index)
    {
        var invalid = new List<string>();
        if (index.OtherFolders.Length == 0)
        {
            return new JobFolders(index.Ids, Enumerable.Range(0, index.Count).ToArray(), invalid);
        }

        var ids = new List<JobId>(index.Count + index.OtherFolders.Length);
        ids.AddRange(index.Ids);
        foreach (var name in index.OtherFolders)
        {
            if (JobId.TryParse(name, out var id))
            {
                ids.Add(id);
            }
            else
            {
                invalid.Add(name);
            }
        }

        var slots = new int[ids.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = i < index.Count ? i : -1;
        }

        return new JobFolders(ids, slots, invalid);
    }

    /// <summary>The folders in <paramref name="directory"/> (a readdir), matched to the entries of <paramref name="index"/>.</summary>
    public static JobFolders Read(string directory, LoadedJobsIndex index, CancellationToken cancellationToken)
    {
        var slotById = new Dictionary<string, int>(index.Count, StringComparer.Ordinal);
        for (int i = 0; i < index.Count; i++)
        {
            if (!slotById.TryAdd(index.Ids[i].Value, i))
            {
                slotById.Clear(); // one job twice: a broken writer; trust no entry
                break;
            }
        }

        // A name the index knows is matched without making a string of it: the index's id is reused.
        var known = slotById.GetAlternateLookup<ReadOnlySpan<char>>();
        var folders = new FileSystemEnumerable<(int Slot, string? Name)>(
            directory,
            (ref FileSystemEntry entry) => known.TryGetValue(entry.FileName, out int slot) ? (slot, null) : (-1, entry.FileName.ToString()),
            new EnumerationOptions { AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory,
        };

        var ids = new List<JobId>(index.Count);
        var slots = new List<int>(index.Count);
        var invalid = new List<string>();
        foreach (var (slot, name) in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (name is null)
            {
                ids.Add(index.Ids[slot]);
                slots.Add(slot);
            }
            else if (JobId.TryParse(name, out var id))
            {
                ids.Add(id);
                slots.Add(-1);
            }
            else if (!name.StartsWith('.'))
            {
                invalid.Add(name); // a name starting with '.' is our own bookkeeping (a job being created or deleted)
            }
        }

        return new JobFolders(ids, [.. slots], invalid);
    }
}
