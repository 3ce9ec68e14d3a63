using System.Buffers;
using System.Text.Json;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// What a lease object holds: who holds it (for people; never trusted), a token unique to this holding, a renewal count
/// (so every renewal has new content, hence a new ETag, even on servers whose ETag is the content's MD5) and whether
/// it was released. Written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).
/// </summary>
internal sealed record LeaseBody(string Owner, string Token, long Renewal, bool Released)
{
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("owner", Owner);
            writer.WriteString("token", Token);
            writer.WriteNumber("renewal", Renewal);
            writer.WriteBoolean("released", Released);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body, or null when it is not a lease this version understands (then it is treated as held).</summary>
    public static LeaseBody? Parse(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            return new LeaseBody(
                root.GetProperty("owner").GetString() ?? "",
                root.GetProperty("token").GetString() ?? "",
                root.GetProperty("renewal").GetInt64(),
                root.GetProperty("released").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
