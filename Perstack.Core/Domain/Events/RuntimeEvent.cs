using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Events;

/// <summary>
/// An event about the runtime itself (skills starting, stderr…). Goes to listeners such as the TUI and
/// <c>--verbose</c>; never persisted. JSON discriminated by <c>type</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InitializeRuntimeEvent), "initializeRuntime")]
[JsonDerivedType(typeof(SkillStartingEvent), "skillStarting")]
[JsonDerivedType(typeof(SkillConnectedEvent), "skillConnected")]
[JsonDerivedType(typeof(SkillStderrEvent), "skillStderr")]
[JsonDerivedType(typeof(SkillDisconnectedEvent), "skillDisconnected")]
public abstract record RuntimeEvent
{
    /// <summary>Event id.</summary>
    public required string Id { get; init; }

    /// <summary>Emit time, epoch ms.</summary>
    public required long Timestamp { get; init; }

    /// <summary>The job.</summary>
    public required JobId JobId { get; init; }

    /// <summary>The run.</summary>
    public required RunId RunId { get; init; }
}
