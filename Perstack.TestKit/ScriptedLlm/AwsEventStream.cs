using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>
/// Bedrock's streaming framing (<c>application/vnd.amazon.eventstream</c>): binary messages of a prelude (lengths and
/// their CRC-32), string headers (<c>:event-type</c>, <c>:message-type</c>, …), the payload and the message's CRC-32.
/// <see cref="Corrupt"/> damages one, as a broken proxy would.
/// </summary>
internal static class AwsEventStream
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An <c>exception</c> message, as Bedrock sends for throttling or a failure mid-stream.</summary>
    public static byte[] ExceptionMessage(string exceptionType, string message) => Frame(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString()));

    /// <summary>One message with string headers, its prelude and message CRC-32s computed.</summary>
    public static byte[] Frame(IEnumerable<(string Name, string Value)> headerValues, byte[] payload)
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

    /// <summary>A copy of <paramref name="message"/> with one byte flipped: in the prelude's lengths or in the payload.</summary>
    public static byte[] Corrupt(byte[] message, bool inPrelude)
    {
        var copy = (byte[])message.Clone();
        copy[inPrelude ? 7 : copy.Length - 6] ^= 0x01;
        return copy;
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
