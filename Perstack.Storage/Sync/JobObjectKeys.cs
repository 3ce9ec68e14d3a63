using System.Text.RegularExpressions;
using Perstack.Core.Domain;

namespace Perstack.Storage.Sync;

/// <summary>
/// The keys a job holds in the shared layout, relative to <c>jobs/{jobId}/</c>: <c>job.json</c>,
/// <c>checkpoints/{checkpointId}.json</c>, <c>runs/{runId}/run-setting.json</c> and <c>runs/{runId}/event-….json</c>.
/// Any other key (a lock, a temporary file, a hostile name from a bucket) is not copied.
/// </summary>
public static partial class JobObjectKeys
{
    /// <summary>The job's own file, copied last.</summary>
    public const string JobFile = "job.json";

    /// <summary>Whether <paramref name="key"/> is one of the layout's keys (ids validated, no path tricks).</summary>
    public static bool IsValid(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == JobFile)
        {
            return true;
        }

        var parts = key.Split('/');
        return parts switch
        {
            ["checkpoints", var file] => file.EndsWith(".json", StringComparison.Ordinal) && CheckpointId.TryParse(file[..^5], out _),
            ["runs", var run, "run-setting.json"] => RunId.TryParse(run, out _),
            ["runs", var run, var file] => RunId.TryParse(run, out _) && EventFile().IsMatch(file),
            _ => false,
        };
    }

    /// <summary>The checkpoint id a key names, or null.</summary>
    public static string? CheckpointOf(string key) =>
        key.StartsWith("checkpoints/", StringComparison.Ordinal) ? key["checkpoints/".Length..^".json".Length] : null;

    /// <summary>Whether the key is an event.</summary>
    public static bool IsEvent(string key) => key.StartsWith("runs/", StringComparison.Ordinal) && key.Contains("/event-", StringComparison.Ordinal);

    [GeneratedRegex("^event-[0-9]+-[0-9]+-[A-Za-z0-9_]+\\.json$")]
    private static partial Regex EventFile();
}
