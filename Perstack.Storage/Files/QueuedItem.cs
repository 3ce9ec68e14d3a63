namespace Perstack.Storage.Files;

/// <summary>
/// What a <see cref="WriteBehindQueue"/> holds, in call order: a file to write, work to run after the writes before it,
/// or a commit to report. <see cref="Epoch"/> ties the item to the failures its caller had been told about.
/// </summary>
internal abstract record QueuedItem(long Epoch)
{
    /// <summary>
    /// A file to replace atomically (<see cref="AtomicFile"/>'s temp, fsync, rename), its write time optionally set. The
    /// content is made when the file is written (serialising off the caller's path; the values are immutable).
    /// </summary>
    public sealed record Write(long Epoch, string Path, Func<ReadOnlyMemory<byte>> Content, DateTime? LastWriteUtc) : QueuedItem(Epoch)
    {
        /// <summary>The temp file while the write is being committed.</summary>
        public string? Temp { get; set; }
    }

    /// <summary>Work that must not run before the writes queued ahead of it are on disk (printing their event).</summary>
    public sealed record Action(long Epoch, Func<ValueTask> Run) : QueuedItem(Epoch);

    /// <summary>A caller waiting until the writes queued ahead of it are on disk.</summary>
    public sealed record Commit(long Epoch, TaskCompletionSource Done) : QueuedItem(Epoch);
}
