using System.Globalization;
using System.Net;
using System.Text;

namespace Perstack.TestKit.ScriptedLlm;

/// <summary>Just enough HTTP/1.1 for the scripted LLM: read one request, write a status line and headers.</summary>
internal static class RawHttp
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Reads one request; null when the client closed the connection before sending one.</summary>
    public static async Task<RawHttpRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream);
        var requestLine = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(requestLine))
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length < 3)
        {
            throw new InvalidDataException($"Bad request line: {requestLine}");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var headerBytes = 0;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException();
            headerBytes += line.Length;
            if (headerBytes > MaxHeaderBytes)
            {
                throw new InvalidDataException("Headers too large");
            }

            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(reader, cancellationToken);
        }
        else if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            body = await reader.ReadExactlyAsync(length, cancellationToken);
        }
        else
        {
            body = [];
        }

        return new RawHttpRequest(parts[0], parts[1], headers, body);
    }

    /// <summary>Writes a status line and headers (the caller writes the body).</summary>
    public static async Task WriteHeadAsync(Stream stream, int status, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        builder.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(builder.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The standard reason phrase of a status, as .NET knows it.</summary>
    public static string ReasonPhrase(int status)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        return response.ReasonPhrase ?? "Unknown";
    }

    private static async Task<byte[]> ReadChunkedAsync(BufferedReader reader, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException();
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, up to the empty line.
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
                {
                }

                return body.ToArray();
            }

            body.Write(await reader.ReadExactlyAsync(size, cancellationToken));
            _ = await reader.ReadLineAsync(cancellationToken);
        }
    }

    /// <summary>Reads lines and byte runs from a stream through one buffer.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
                }

                var b = _buffer[_start++];
                if (b == (byte)'\n')
                {
                    if (line.Count > 0 && line[^1] == (byte)'\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new EndOfStreamException();
                }

                var take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
