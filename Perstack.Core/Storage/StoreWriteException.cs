namespace Perstack.Core.Storage;

/// <summary>
/// A store could not write a file (disk full, file too large, read-only). The history on disk ends with the writes
/// before it, each whole. A run does not try to record this as its own error (that write would fail as well): it
/// stops, and the command reports it in one line.
/// </summary>
public sealed class StoreWriteException : IOException
{
    /// <summary>Creates the exception for the failure <paramref name="inner"/>; its message is the failure's.</summary>
    public StoreWriteException(Exception inner)
        : base(inner?.Message.ReplaceLineEndings(" "), inner)
    {
    }
}
