using Perstack.Storage.Files;

namespace Perstack.Storage.Search;

/// <summary>The stamp the search index keeps per job: the modification time of its <c>checkpoints/</c> folder.</summary>
internal static class FolderStamp
{
    /// <summary>The job has no checkpoints folder (yet).</summary>
    public const long Missing = -1;

    /// <summary>Written too recently to vouch for the content (see <see cref="FileStamp.IsSettled"/>): read again next time.</summary>
    public const long Unsettled = 0;

    /// <summary>The stamp of <paramref name="directory"/> as seen at <paramref name="nowNs"/>.</summary>
    public static long Of(string directory, long nowNs)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            if (!info.Exists)
            {
                return Missing;
            }

            long modified = FileStamp.ToNs(info.LastWriteTimeUtc);
            var stamp = new FileStamp(0, modified, 0, 0);
            return stamp.IsSettled(nowNs) ? modified : Unsettled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unsettled;
        }
    }
}
