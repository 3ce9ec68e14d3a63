using System.Text.Json;
using System.Text.Json.Serialization;
using Perstack.Core.Domain;

namespace Perstack.Core.Json;

/// <summary>Reads and writes <see cref="JobId"/> as a JSON string, rejecting invalid ids as malformed data.</summary>
public sealed class JobIdJsonConverter : JsonConverter<JobId>
{
    /// <inheritdoc />
    public override JobId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return JobId.TryParse(text, out var id)
            ? id
            : throw new JsonException($"invalid job id \"{IdFormat.Printable(text)}\"");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JobId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
