using System.Text.Json.Serialization;

namespace Perstack.Core.Domain;

/// <summary>Status of a checkpoint: the state at the end of its step.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckpointStatus>))]
public enum CheckpointStatus
{
    /// <summary>A fresh in-memory checkpoint; never stored as a file.</summary>
    [JsonStringEnumMemberName("init")]
    Init,

    /// <summary>Normal end of a step; the run goes on.</summary>
    [JsonStringEnumMemberName("proceeding")]
    Proceeding,

    /// <summary>The run completed.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Waiting for a human answer.</summary>
    [JsonStringEnumMemberName("stoppedByInteractiveTool")]
    StoppedByInteractiveTool,

    /// <summary>Waiting for a delegate expert.</summary>
    [JsonStringEnumMemberName("stoppedByDelegate")]
    StoppedByDelegate,

    /// <summary>The job's step limit was reached.</summary>
    [JsonStringEnumMemberName("stoppedByExceededMaxSteps")]
    StoppedByExceededMaxSteps,

    /// <summary>Stopped by an error or a cancellation.</summary>
    [JsonStringEnumMemberName("stoppedByError")]
    StoppedByError,
}
