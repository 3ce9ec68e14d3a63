using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain;

namespace Perstack.Core.Json;

/// <summary>Reads and writes <see cref="RunId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
public sealed class RunIdJsonConverter : JsonConverter<RunId>
{
    /// <inheritdoc />
    public override RunId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return RunId.TryParse(text, out var id)
            ? id
            : throw new JsonException($"invalid run id \"{IdFormat.Printable(text)}\"");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RunId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
