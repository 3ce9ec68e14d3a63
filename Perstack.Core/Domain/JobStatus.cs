using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>Status of a job as stored in <c>job.json</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    /// <summary>A process is running the job, or one was killed while it did (see the job lock).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The coordinator completed.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The job reached its step limit (note the spelling differs from the checkpoint status).</summary>
    [JsonStringEnumMemberName("stoppedByMaxSteps")]
    StoppedByMaxSteps,

    /// <summary>Paused, waiting for a human answer.</summary>
    [JsonStringEnumMemberName("stoppedByInteractiveTool")]
    StoppedByInteractiveTool,

    /// <summary>Stopped by an error or a cancellation.</summary>
    [JsonStringEnumMemberName("stoppedByError")]
    StoppedByError,
}
