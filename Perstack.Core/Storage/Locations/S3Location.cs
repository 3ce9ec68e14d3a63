using System.Text.RegularExpressions;
using Perstack.Core.Domain;

namespace Perstack.Core.Storage.Locations;

/// <summary>
/// A history on S3-compatible object storage: <c>s3://bucket/prefix</c>. The keys are the folder layout under the
/// prefix (<c>{prefix}/jobs/{jobId}/job.json</c>, …), as TypeScript Perstack's S3 storage writes them.
/// </summary>
public sealed partial record S3Location : StorageLocation
{
    private S3Location(string bucket, string prefix)
    {
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>The bucket (validated: 3–63 lowercase letters, digits, dots and hyphens).</summary>
    public string Bucket { get; }

    /// <summary>The key prefix without leading or trailing slash; empty for the bucket's root.</summary>
    public string Prefix { get; }

    /// <summary>The prefix every key of the history starts with: <c>prefix/</c>, or empty.</summary>
    public string KeyPrefix => Prefix.Length == 0 ? "" : Prefix + "/";

    /// <inheritdoc />
    public override string Display => Prefix.Length == 0 ? $"{S3Scheme}{Bucket}" : $"{S3Scheme}{Bucket}/{Prefix}";

    /// <summary>Creates a location from its parts, validated as <see cref="Parse"/> does.</summary>
    /// <exception cref="PerstackException">A bad bucket name or prefix.</exception>
    public static S3Location Create(string bucket, string prefix) => Parse($"{S3Scheme}{bucket}/{prefix}", "arguments");

    /// <summary>Parses <c>s3://bucket[/prefix[/]]</c>.</summary>
    /// <exception cref="PerstackException">No bucket, a bad bucket name, or a prefix with an empty, <c>.</c> or <c>..</c> segment.</exception>
    public static new S3Location Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text[S3Scheme.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        if (bucket.Length == 0)
        {
            throw Refuse(text, source, "it names no bucket");
        }

        if (!BucketPattern().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal) || IpPattern().IsMatch(bucket))
        {
            throw Refuse(text, source, $"{bucket} is not a valid bucket name (3 to 63 lowercase letters, digits, dots and hyphens)");
        }

        if (prefix.Length > 0)
        {
            foreach (var segment in prefix.Split('/'))
            {
                if (segment.Length == 0 || segment is "." or ".." || segment.Any(char.IsControl) || segment.Contains('\\', StringComparison.Ordinal))
                {
                    throw Refuse(text, source, "its prefix has an empty, \".\" or \"..\" segment, a backslash or a control character");
                }
            }

            if (prefix.Length > 512)
            {
                throw Refuse(text, source, "its prefix is longer than 512 characters");
            }
        }

        return new S3Location(bucket, prefix);
    }

    private static PerstackException Refuse(string text, string source, string why) =>
        new($"Error: Storage location {text} (from {source}) is not a valid S3 location: {why}");

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex IpPattern();
}
