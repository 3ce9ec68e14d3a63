using Perstack.Core.Storage;

namespace Perstack.Storage.Checkpoints;

/// <summary>
/// A job's rebuildable cache of checkpoint headers (<c>jobs/&lt;jobId&gt;/checkpoint-index.json</c>). It is
/// only ever a cache: it is checked against the folder's files (names, sizes and write times) on every read and
/// repaired when stale, so a checkpoint file replaced or damaged after it was indexed is read (and reported) again.
/// </summary>
internal sealed record CheckpointIndex
{
    /// <summary>The format this code writes; any other is rebuilt.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Format version.</summary>
    public int Version { get; init; }

    /// <summary>One header per checkpoint file, in write order.</summary>
    public List<CheckpointSummary> Entries { get; init; } = [];

    /// <summary>Per checkpoint id, the size and write time of its file when its header was read (see <see cref="Stamp"/>).</summary>
    public Dictionary<string, string> Stamps { get; init; } = [];

    /// <summary>What identifies one version of a file: its size and last write time.</summary>
    public static string Stamp(FileInfo file) => Stamp(file.Length, file.LastWriteTimeUtc);

    /// <summary>The stamp of a file of <paramref name="length"/> bytes last written at <paramref name="lastWriteUtc"/>.</summary>
    public static string Stamp(long length, DateTime lastWriteUtc) => $"{length}:{lastWriteUtc.Ticks}";

    /// <summary>The write time a <see cref="Stamp(long, DateTime)"/> holds, in epoch milliseconds.</summary>
    public static long WrittenAtMs(string stamp)
    {
        long ticks = long.Parse(stamp.AsSpan(stamp.IndexOf(':', StringComparison.Ordinal) + 1), System.Globalization.CultureInfo.InvariantCulture);
        return (ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }
}
