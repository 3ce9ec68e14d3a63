using System.Buffers;
using System.Text.Json;

namespace Perstack.Storage.S3.Leases;

/// <summary>
/// What a lease object holds: who holds it (for people; never trusted), a token unique to this holding, a renewal count
/// (so every renewal has new content, hence a new ETag, even on servers whose ETag is the content's MD5), whether it
/// was released, and the holder's time to live in seconds (machines with different <c>leaseSeconds</c> judge the lease
/// by the holder's; absent in leases of older versions). Written with <see cref="Utf8JsonWriter"/> (no reflection,
/// AOT-safe).
/// </summary>
internal sealed record LeaseBody(string Owner, string Token, long Renewal, bool Released, long? Seconds = null)
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
            if (Seconds is { } seconds)
            {
                writer.WriteNumber("seconds", seconds);
            }

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
                root.GetProperty("released").GetBoolean(),
                root.TryGetProperty("seconds", out var seconds) ? seconds.GetInt64() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
