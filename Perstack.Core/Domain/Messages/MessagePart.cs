using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perstack.Core.Domain.Messages;

/// <summary>A part of a message; JSON discriminated by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextPart), "textPart")]
[JsonDerivedType(typeof(ImageUrlPart), "imageUrlPart")]
[JsonDerivedType(typeof(ImageInlinePart), "imageInlinePart")]
[JsonDerivedType(typeof(ImageBinaryPart), "imageBinaryPart")]
[JsonDerivedType(typeof(FileUrlPart), "fileUrlPart")]
[JsonDerivedType(typeof(FileInlinePart), "fileInlinePart")]
[JsonDerivedType(typeof(FileBinaryPart), "fileBinaryPart")]
[JsonDerivedType(typeof(ToolCallPart), "toolCallPart")]
[JsonDerivedType(typeof(ToolResultPart), "toolResultPart")]
[JsonDerivedType(typeof(ThinkingPart), "thinkingPart")]
public abstract record MessagePart
{
    /// <summary>Part id.</summary>
    public required string Id { get; init; }

    /// <summary>Fields this version does not know (written by another Perstack), kept so a rewrite never loses them.</summary>
    /// <remarks>Settable only because System.Text.Json cannot bind extension data through an init accessor.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
