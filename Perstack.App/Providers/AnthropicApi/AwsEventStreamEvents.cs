using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// Reads Bedrock's <c>invoke-with-response-stream</c> body (<c>application/vnd.amazon.eventstream</c>): binary
/// messages whose <c>chunk</c> events carry <c>{"bytes":"&lt;base64 of an Anthropic stream event&gt;"}</c>, and whose
/// <c>exception</c> messages (throttling, service errors) become <see cref="AnthropicStreamException"/>. TLS already
/// guards the bytes, so the frames' CRCs are not checked.
/// </summary>
internal static class AwsEventStreamEvents
{
    private const int PreludeLength = 12;
    private const int MaxMessageLength = 16 * 1024 * 1024;

    public static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prelude = new byte[PreludeLength];
        while (await ReadExactlyOrEndAsync(stream, prelude, cancellationToken).ConfigureAwait(false))
        {
            var total = (int)BinaryPrimitives.ReadUInt32BigEndian(prelude);
            var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(4));
            if (total is < PreludeLength + 4 or > MaxMessageLength || headersLength < 0 || headersLength > total - PreludeLength - 4)
            {
                throw new InvalidDataException($"Malformed event-stream message (length {total}, headers {headersLength})");
            }

            var rest = new byte[total - PreludeLength];
            await stream.ReadExactlyAsync(rest, cancellationToken).ConfigureAwait(false);
            var headers = Headers(rest.AsSpan(0, headersLength));
            var payload = rest.AsSpan(headersLength, rest.Length - headersLength - 4);
            yield return ToEvent(headers, payload);
        }
    }

    private static StreamEvent ToEvent(Dictionary<string, string> headers, ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        if (headers.GetValueOrDefault(":message-type") != "event")
        {
            var type = headers.GetValueOrDefault(":exception-type") ?? headers.GetValueOrDefault(":error-code") ?? "exception";
            var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : headers.GetValueOrDefault(":error-message");
            return new StreamEvent { Type = "error", Error = new WireError(ErrorType(type), message ?? type) };
        }

        if (headers.GetValueOrDefault(":event-type") != "chunk" || !root.TryGetProperty("bytes", out var bytes))
        {
            return new StreamEvent { Type = "ping" };
        }

        return JsonSerializer.Deserialize(bytes.GetBytesFromBase64(), AnthropicJsonContext.Default.StreamEvent)
            ?? throw new InvalidDataException("A stream event is null");
    }

    /// <summary>Bedrock's exception names in the Messages API's error types, so they are retried alike.</summary>
    private static string ErrorType(string exceptionType) => exceptionType switch
    {
        "throttlingException" => "rate_limit_error",
        "serviceUnavailableException" => "overloaded_error",
        "internalServerException" or "modelStreamErrorException" => "api_error",
        "modelTimeoutException" => "timeout_error",
        "validationException" => "invalid_request_error",
        _ => exceptionType,
    };

    private static Dictionary<string, string> Headers(ReadOnlySpan<byte> data)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
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
