using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;

namespace Perstack.App.Providers.Aws;

/// <summary>
/// Reads an AWS event stream (<c>application/vnd.amazon.eventstream</c>, Bedrock's streaming body): binary messages of
/// a 12-byte prelude (total length, headers length, prelude CRC), headers, payload and a message CRC. Both CRC-32s are
/// checked, so a frame corrupted on the way (a proxy, a broken connection that still delivers bytes) fails loudly with
/// <see cref="InvalidDataException"/> instead of feeding garbage to the model's reply. Hand-written because the AWS
/// Bedrock runtime package, which would read it, is not available here.
/// </summary>
internal static class AwsEventStreamReader
{
    private const int PreludeLength = 12;
    private const int MaxMessageLength = 16 * 1024 * 1024;

    public static async IAsyncEnumerable<AwsEventStreamMessage> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prelude = new byte[PreludeLength];
        while (await ReadExactlyOrEndAsync(stream, prelude, cancellationToken).ConfigureAwait(false))
        {
            var total = BinaryPrimitives.ReadUInt32BigEndian(prelude);
            var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(4));
            if (Crc32.HashToUInt32(prelude.AsSpan(0, 8)) != BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(8)))
            {
                throw new InvalidDataException("Event-stream prelude CRC mismatch: the stream is corrupt");
            }

            if (total is < PreludeLength + 4 or > MaxMessageLength || headersLength > total - PreludeLength - 4)
            {
                throw new InvalidDataException($"Malformed event-stream message (length {total}, headers {headersLength})");
            }

            var message = new byte[total];
            prelude.CopyTo(message, 0);
            await stream.ReadExactlyAsync(message.AsMemory(PreludeLength), cancellationToken).ConfigureAwait(false);
            if (Crc32.HashToUInt32(message.AsSpan(0, (int)total - 4)) != BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan((int)total - 4)))
            {
                throw new InvalidDataException("Event-stream message CRC mismatch: the stream is corrupt");
            }

            var headers = Headers(message.AsSpan(PreludeLength, (int)headersLength));
            var payloadStart = PreludeLength + (int)headersLength;
            yield return new AwsEventStreamMessage(headers, message.AsMemory(payloadStart, (int)total - 4 - payloadStart));
        }
    }

    private static Dictionary<string, string> Headers(ReadOnlySpan<byte> data)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        try
        {
            while (at < data.Length)
            {
                var nameLength = data[at++];
                var name = Encoding.UTF8.GetString(data.Slice(at, nameLength));
                at += nameLength;
                var kind = data[at++];
                switch (kind)
                {
                    case 0 or 1: break; // true, false
                    case 2: at += 1; break;
                    case 3: at += 2; break;
                    case 4: at += 4; break;
                    case 5 or 8: at += 8; break; // long, timestamp
                    case 9: at += 16; break; // uuid
                    case 6 or 7:
                        var length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
                        at += 2;
                        if (kind == 7)
                        {
                            headers[name] = Encoding.UTF8.GetString(data.Slice(at, length));
                        }

                        at += length;
                        break;
                    default:
                        throw new InvalidDataException($"Unknown event-stream header type {kind}");
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("Malformed event-stream headers", ex);
        }

        return headers;
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length
            ? true
            : read == 0 ? false : throw new InvalidDataException("The event stream ended inside a message");
    }
}
