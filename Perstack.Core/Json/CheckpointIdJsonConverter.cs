using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain;

namespace Perstack.Core.Json;

/// <summary>Reads and writes <see cref="CheckpointId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
public sealed class CheckpointIdJsonConverter : JsonConverter<CheckpointId>
{
    /// <inheritdoc />
    public override CheckpointId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return CheckpointId.TryParse(text, out var id)
            ? id
            : throw new JsonException($"invalid checkpoint id \"{IdFormat.Printable(text)}\"");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CheckpointId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
