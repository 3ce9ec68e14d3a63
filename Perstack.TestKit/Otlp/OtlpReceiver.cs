using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.TestKit.Otlp;

/// <summary>
/// A real OTLP/HTTP endpoint on 127.0.0.1 (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, protobuf bodies):
/// point <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> at <see cref="Endpoint"/> with
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>. It decodes the spans (ExportTraceServiceRequest → ResourceSpans
/// → ScopeSpans → Span) and the metric names, and keeps every raw body for secret scans.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<string> _metricNames = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _bodies = new();
    private readonly Task _accepting;

    private OtlpReceiver()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static OtlpReceiver Start() => new();

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public IReadOnlyList<string> MetricNames => [.. _metricNames];

    /// <summary>Every request body received, by path (protobuf; its strings are UTF-8 within).</summary>
    public IReadOnlyList<(string Path, byte[] Body)> Bodies => [.. _bodies];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                var request = await RawHttp.ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                var path = request.Target.Split('?')[0];
                _bodies.Enqueue((path, request.Body));
                switch (path)
                {
                    case "/v1/traces":
                        DecodeTraces(request.Body);
                        break;
                    case "/v1/metrics":
                        DecodeMetrics(request.Body);
                        break;
                }

                await RawHttp.WriteHeadAsync(stream, 200, [new("Content-Type", "application/x-protobuf"), new("Content-Length", "0")], _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidDataException or SocketException)
            {
                // A client gone, or the receiver stopping.
            }
        }
    }

    private void DecodeTraces(byte[] body)
    {
        foreach (var resourceSpans in ProtoReader.Messages(body, 1))
        {
            foreach (var scopeSpans in ProtoReader.Messages(resourceSpans, 2))
            {
                foreach (var span in ProtoReader.Messages(scopeSpans, 2))
                {
                    var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var keyValue in ProtoReader.Messages(span, 9))
                    {
                        attributes[ProtoReader.Text(keyValue, 1)] = ValueText(ProtoReader.Messages(keyValue, 2).FirstOrDefault());
                    }

                    var status = ProtoReader.Messages(span, 15).FirstOrDefault();
                    _spans.Enqueue(new OtlpSpan(
                        ProtoReader.Hex(span, 1), ProtoReader.Hex(span, 2), ProtoReader.Hex(span, 4), ProtoReader.Text(span, 5),
                        attributes, status.IsEmpty ? 0 : (int)ProtoReader.Scalar(status, 3)));
                }
            }
        }
    }

    private void DecodeMetrics(byte[] body)
    {
        foreach (var resourceMetrics in ProtoReader.Messages(body, 1))
        {
            foreach (var scopeMetrics in ProtoReader.Messages(resourceMetrics, 2))
            {
                foreach (var metric in ProtoReader.Messages(scopeMetrics, 2))
                {
                    _metricNames.Enqueue(ProtoReader.Text(metric, 1));
                }
            }
        }
    }

    // AnyValue: 1 string, 2 bool, 3 int64, 4 double.
    private static string ValueText(ReadOnlyMemory<byte> value)
    {
        foreach (var field in ProtoReader.Fields(value))
        {
            return field.Number switch
            {
                1 => System.Text.Encoding.UTF8.GetString(field.Bytes.Span),
                2 => field.Scalar != 0 ? "true" : "false",
                3 => ((long)field.Scalar).ToString(CultureInfo.InvariantCulture),
                4 => BitConverter.UInt64BitsToDouble(field.Scalar).ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
        }

        return "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
