namespace Perstack.Storage.Sync;

/// <summary>One object of a job as a side holds it: its key relative to the job (<c>checkpoints/x.json</c>), size and MD5 (hex, lower case; null when unknown).</summary>
public sealed record JobObject(string Key, long Size, string? Md5);
