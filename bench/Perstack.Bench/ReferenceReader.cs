using System.Text.Json;
using System.Text.Json.Nodes;
using Perstack.Core.Domain;
using Perstack.Core.Json;

namespace Perstack.Bench;

/// <summary>
/// What the TypeScript reference does, rendered in C# without the reflection serializer:
/// <c>getAllJobs</c> = readdirSync(jobs) → readFileSync(job.json, "utf-8") → JSON.parse → jobSchema.parse → sort by
/// startedAt desc; <c>getCheckpointsByJobId</c> = read and fully parse every checkpoint file → sort by stepNumber.
/// </summary>
public static class ReferenceReader
{
    private static readonly Dictionary<string, JobStatus> JobStatuses = new(StringComparer.Ordinal)
    {
        ["running"] = JobStatus.Running,
        ["completed"] = JobStatus.Completed,
        ["stoppedByMaxSteps"] = JobStatus.StoppedByMaxSteps,
        ["stoppedByInteractiveTool"] = JobStatus.StoppedByInteractiveTool,
        ["stoppedByError"] = JobStatus.StoppedByError,
    };

    /// <summary>Every job, newest <c>startedAt</c> first, each file parsed to a full object graph and validated.</summary>
    public static List<Job> GetAllJobs(string root)
    {
        var jobsDirectory = Path.Combine(root, "jobs");
        var jobs = new List<Job>();
        if (!Directory.Exists(jobsDirectory))
        {
            return jobs;
        }

        foreach (var directory in Directory.EnumerateDirectories(jobsDirectory))
        {
            var file = Path.Combine(directory, "job.json");
            if (!File.Exists(file))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var node = JsonNode.Parse(text);
            jobs.Add(ParseJob(node, file));
        }

        jobs.Sort((a, b) => b.StartedAt.CompareTo(a.StartedAt));
        return jobs;
    }

    /// <summary>Every checkpoint of the job, each file fully deserialized (messages and all), by step number.</summary>
    public static List<Checkpoint> GetCheckpointsByJobId(string root, JobId jobId)
    {
        var directory = Path.Combine(root, "jobs", jobId.Value, "checkpoints");
        var checkpoints = new List<Checkpoint>();
        if (!Directory.Exists(directory))
        {
            return checkpoints;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            var bytes = File.ReadAllBytes(file);
            checkpoints.Add(JsonSerializer.Deserialize(bytes, PerstackJson.Checkpoint)
                ?? throw new InvalidDataException($"{file}: null checkpoint"));
        }

        checkpoints.Sort((a, b) => a.StepNumber.CompareTo(b.StepNumber));
        return checkpoints;
    }

    /// <summary><c>jobSchema.parse</c>: an object; every field of the right type; required fields present; enum values known.</summary>
    private static Job ParseJob(JsonNode? node, string file)
    {
        if (node is not JsonObject obj)
        {
            throw Invalid(file, "(root)", "expected object");
        }

        var id = RequiredString(obj, "id", file);
        var statusText = RequiredString(obj, "status", file);
        if (!JobStatuses.TryGetValue(statusText, out var status))
        {
            throw Invalid(file, "status", $"invalid enum value '{statusText}'");
        }

        var coordinatorExpertKey = RequiredString(obj, "coordinatorExpertKey", file);
        var totalSteps = RequiredNumber(obj, "totalSteps", file);
        var maxSteps = OptionalNumber(obj, "maxSteps", file);
        var usage = ParseUsage(obj["usage"], file);
        var startedAt = RequiredNumber(obj, "startedAt", file);
        var finishedAt = OptionalNumber(obj, "finishedAt", file);

        return new Job
        {
            Id = JobId.Parse(id),
            Status = status,
            CoordinatorExpertKey = coordinatorExpertKey,
            TotalSteps = (long)totalSteps,
            MaxSteps = (long?)maxSteps,
            Usage = usage,
            StartedAt = (long)startedAt,
            FinishedAt = (long?)finishedAt,
        };
    }

    private static Usage ParseUsage(JsonNode? node, string file)
    {
        if (node is not JsonObject usage)
        {
            throw Invalid(file, "usage", "expected object");
        }

        return new Usage
        {
            InputTokens = (long)RequiredNumber(usage, "inputTokens", file),
            OutputTokens = (long)RequiredNumber(usage, "outputTokens", file),
            ReasoningTokens = (long)RequiredNumber(usage, "reasoningTokens", file),
            TotalTokens = (long)RequiredNumber(usage, "totalTokens", file),
            CachedInputTokens = (long)RequiredNumber(usage, "cachedInputTokens", file),
        };
    }

    private static string RequiredString(JsonObject obj, string name, string file) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Invalid(file, name, "expected string");

    private static double RequiredNumber(JsonObject obj, string name, string file) =>
        OptionalNumber(obj, name, file) ?? throw Invalid(file, name, "required");

    /// <summary>zod's <c>z.number().optional()</c>: absent is fine, anything but a number (null included) is not.</summary>
    private static double? OptionalNumber(JsonObject obj, string name, string file)
    {
        if (!obj.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.GetValue<double>()
            : throw Invalid(file, name, "expected number");
    }

    private static InvalidDataException Invalid(string file, string field, string reason) =>
        new($"{file}: {field}: {reason}");
}
