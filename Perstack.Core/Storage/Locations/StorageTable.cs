namespace Perstack.Core.Storage.Locations;

/// <summary>perstack.toml's <c>[storage]</c> table.</summary>
/// <param name="SourcePath">The perstack.toml it was read from (named in errors).</param>
/// <param name="Path">The location (<c>path</c>): a folder, relative to perstack.toml's folder, or <c>s3://bucket/prefix</c>.</param>
/// <param name="S3">The S3 overrides.</param>
public sealed record StorageTable(string SourcePath, string? Path, S3Overrides S3);
