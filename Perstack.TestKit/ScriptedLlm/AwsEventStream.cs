using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// Bedrock's streaming framing (<c>application/vnd.amazon.eventstream</c>): each Anthropic stream event becomes a
/// binary message with headers <c>:event-type: chunk</c>, <c>:content-type: application/json</c>,
/// <c>:message-type: event</c> and the payload <c>{"bytes":"&lt;base64 of the event JSON&gt;"}</c>.
/// </summary>
internal static class AwsEventStream
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Turns SSE frames (<c>event: …\ndata: {json}\n\n</c>) into event-stream messages.</summary>
    public static IReadOnlyList<byte[]> FromSseFrames(IEnumerable<string> frames) =>
        [.. frames.Select(DataOf).OfType<string>().Select(data => Message(data))];

    private static string? DataOf(string frame) =>
        frame.Split('\n').FirstOrDefault(line => line.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..];

    /// <summary>An <c>exception</c> message, as Bedrock sends for throttling or a failure mid-stream.</summary>
    public static byte[] ExceptionMessage(string exceptionType, string message) => Frame(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()));

    private static byte[] Message(string eventJson) => Frame(
        [(":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")],
        Encoding.UTF8.GetBytes(new JsonObject { ["bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(eventJson)) }.ToJsonString()));

    private static byte[] Frame(IEnumerable<(string Name, string Value)> headerValues, byte[] payload)
    {
        using var headers = new MemoryStream();
        foreach (var (name, value) in headerValues)
        {
            WriteHeader(headers, name, value);
        }

        var headerBytes = headers.ToArray();

        var total = 12 + headerBytes.Length + payload.Length + 4;
        var message = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(0), (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32(message.AsSpan(0, 8)));
        headerBytes.CopyTo(message, 12);
        payload.CopyTo(message, 12 + headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32(message.AsSpan(0, total - 4)));
        return message;
    }

    private static void WriteHeader(MemoryStream stream, string name, string value)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var valueBytes = Encoding.UTF8.GetBytes(value);
        stream.WriteByte((byte)nameBytes.Length);
        stream.Write(nameBytes);
        stream.WriteByte(7); // string
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)valueBytes.Length);
        stream.Write(length);
        stream.Write(valueBytes);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
