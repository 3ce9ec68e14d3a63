using System.Text.RegularExpressions;
using Perstack.Core.Domain;

namespace Perstack.Core.Storage.Locations;

/// <summary>
/// Where the history lives: a folder (<see cref="FolderLocation"/>) or a bucket and prefix on S3-compatible object
/// storage (<see cref="S3Location"/>). Parsed once at the edge, from <c>--storage-path</c>, <c>$PERSTACK_STORAGE_PATH</c>
/// or perstack.toml's <c>[storage] path</c>; everything after that holds the typed value, never the text.
/// </summary>
public abstract partial record StorageLocation
{
    /// <summary>The scheme of an S3 location.</summary>
    public const string S3Scheme = "s3://";

    private protected StorageLocation()
    {
    }

    /// <summary>How the location is shown to people (the folder's full path, or <c>s3://bucket/prefix</c>); never holds a secret.</summary>
    public abstract string Display { get; }

    /// <summary>
    /// Parses <paramref name="text"/>: <c>s3://bucket[/prefix]</c> is a bucket; any other <c>scheme:</c> (two letters or
    /// more, so a Windows drive stays a folder) is refused; anything else is a folder, made absolute.
    /// </summary>
    /// <param name="text">The location as the user wrote it.</param>
    /// <param name="source">Where it came from (<c>--storage-path</c>, the variable, perstack.toml), for the error.</param>
    /// <exception cref="PerstackException">A scheme we do not serve, or a malformed S3 location: one line.</exception>
    public static StorageLocation Parse(string text, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(source);
        if (text.StartsWith(S3Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return S3Location.Parse(text, source);
        }

        if (SchemePattern().Match(text) is { Success: true } scheme)
        {
            throw new PerstackException(
                $"Error: Storage location {text} (from {source}) has the scheme {scheme.Groups[1].Value}:, which Perstack does not serve; "
                + $"use a folder or {S3Scheme}bucket/prefix (for a folder whose name has a colon, write ./{text})");
        }

        return new FolderLocation(Path.GetFullPath(text));
    }

    // Two characters or more before the colon: "C:\x" and "C:x" stay Windows paths.
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]+):")]
    private static partial Regex SchemePattern();
}
