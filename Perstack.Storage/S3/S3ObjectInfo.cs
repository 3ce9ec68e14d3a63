namespace Perstack.Storage.S3;

/// <summary>An object as a listing shows it.</summary>
/// <param name="Key">The key relative to the history's prefix (<c>jobs/…</c>).</param>
/// <param name="ETag">The object's entity tag (changes with its content).</param>
/// <param name="LastModified">When it was written, UTC.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record S3ObjectInfo(string Key, string ETag, DateTime LastModified, long Size);
