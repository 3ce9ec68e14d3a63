namespace Perstack.TestKit.Otlp;

/// <summary>A span as an OTLP/HTTP exporter sent it: ids in hex, string/int/bool attributes as text.</summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes, int StatusCode)
{
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;
}
