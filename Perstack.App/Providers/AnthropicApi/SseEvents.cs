using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>Reads the Messages API's server-sent events (<c>text/event-stream</c>).</summary>
internal static class SseEvents
{
    public static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(stream, static (_, data) =>
            JsonSerializer.Deserialize(data, AnthropicJsonContext.Default.StreamEvent)
            ?? throw new InvalidDataException("A stream event is null"));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item.Data;
        }
    }
}
