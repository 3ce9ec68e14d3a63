using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Messages;

/// <summary>A message of the conversation; JSON discriminated by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InstructionMessage), "instructionMessage")]
[JsonDerivedType(typeof(UserMessage), "userMessage")]
[JsonDerivedType(typeof(ExpertMessage), "expertMessage")]
[JsonDerivedType(typeof(ToolMessage), "toolMessage")]
public abstract record Message
{
    /// <summary>Message id.</summary>
    public required string Id { get; init; }

    /// <summary>The parts.</summary>
    public required IReadOnlyList<MessagePart> Contents { get; init; }

    /// <summary>Ask the provider to cache up to here.</summary>
    public bool? Cache { get; init; }

    /// <summary>Fields this version does not know (written by another Perstack), kept so a rewrite never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
