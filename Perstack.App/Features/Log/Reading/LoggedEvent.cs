using System.Text.Json;

namespace Perstack.App.Features.Log.Reading;

/// <summary>
/// One event as stored, parsed as JSON only (pooled; nothing mapped to the model): the log reads a few fields for its
/// lines, matches <c>--filter</c> on the JSON and prints it as it is, fields of other writers included. Dispose
/// returns the parse buffers.
/// </summary>
internal sealed class LoggedEvent : IDisposable
{
    private readonly JsonDocument _document;

    /// <summary>Wraps a document the event store checked to hold <c>type</c>, <c>stepNumber</c> and <c>timestamp</c>.</summary>
    public LoggedEvent(JsonDocument document)
    {
        _document = document ?? throw new ArgumentNullException(nameof(document));
        var root = document.RootElement;
        Type = root.GetProperty("type").GetString() ?? "";
        StepNumber = root.GetProperty("stepNumber").GetInt64();
        Timestamp = root.GetProperty("timestamp").GetInt64();
    }

    /// <summary>The event's JSON object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary><c>type</c>.</summary>
    public string Type { get; }

    /// <summary><c>stepNumber</c>.</summary>
    public long StepNumber { get; }

    /// <summary><c>timestamp</c>, epoch ms.</summary>
    public long Timestamp { get; }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();
}
