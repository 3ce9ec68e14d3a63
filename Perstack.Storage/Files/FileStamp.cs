namespace Perstack.Storage.Files;

/// <summary>
/// What a file's metadata says about its version: size, modification and change times (ns since the Unix epoch)
/// and inode. Any write changes at least one of them (an in-place write moves the times and usually the size; an
/// atomic rename brings a new inode), so an unchanged stamp means unchanged content, except for writes in the
/// same clock tick as the stamp was taken: see <see cref="IsSettled"/>.
/// </summary>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedNs">Last modification (mtime).</param>
/// <param name="ChangedNs">Last status change (ctime), which no tool can set back; 0 where the platform does not tell.</param>
/// <param name="Inode">Inode number; 0 where the platform does not tell.</param>
internal readonly record struct FileStamp(long Size, long ModifiedNs, long ChangedNs, ulong Inode)
{
    /// <summary>
    /// How far behind the wall clock a stamp's times must be before the stamp can vouch for the content.
    /// File times come from the kernel's coarse clock (one tick is up to 10 ms), so two writes in one tick can
    /// leave equal times; a second covers the tick, clock granularity of other file systems, and small clock skew.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the file was last written well before <paramref name="takenAtNs"/> (when the stamp was taken),
    /// so any later write must produce a different stamp. A stamp taken of a file written moments before could
    /// equal the stamp of a write still to come in the same clock tick (the racy case git's index has too).
    /// </summary>
    public bool IsSettled(long takenAtNs) =>
        Math.Max(ModifiedNs, ChangedNs) < takenAtNs - (long)(SettleTime.Ticks * NsPerTick);

    /// <summary><paramref name="instant"/> in the stamp's unit (ns since the Unix epoch).</summary>
    public static long ToNs(DateTimeOffset instant) => (instant.UtcDateTime - DateTime.UnixEpoch).Ticks * NsPerTick;

    private const long NsPerTick = 100;
}
