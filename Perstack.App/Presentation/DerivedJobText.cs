using System.Text.Json;
using Perstack.Core.Domain;

namespace Perstack.App.Presentation;

/// <summary>
/// How a job without <c>job.json</c> (derived from its checkpoints, <see cref="Job.IsDerived"/>) is told apart: <c>(derived)</c>
/// in human output, <c>"derived": true</c> in a job object of <c>--json</c> output (a field of ours, never written to
/// <c>job.json</c>; absent for jobs that have one).
/// </summary>
internal static class DerivedJobText
{
    /// <summary>The JSON field of <c>--json</c> output.</summary>
    public const string JsonField = "derived";

    /// <summary><c>" (derived)"</c> for a derived job, else empty.</summary>
    public static string Marker(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.IsDerived ? " (derived)" : "";
    }

    /// <summary>The job to print as JSON: a derived job carries <c>"derived": true</c>.</summary>
    public static Job ForJson(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.IsDerived)
        {
            return job;
        }

        var fields = job.UnknownFields is null ? [] : new Dictionary<string, JsonElement>(job.UnknownFields);
        using var flag = JsonDocument.Parse("true");
        fields[JsonField] = flag.RootElement.Clone();
        return job with { UnknownFields = fields };
    }
}
