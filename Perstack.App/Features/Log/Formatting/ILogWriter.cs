
using Perstack.App.Features.Log.Reading;

namespace Perstack.App.Features.Log.Formatting;

/// <summary>One output format of <c>perstack log</c>: a start, the streamed events, an end with the totals.</summary>
internal interface ILogWriter : ILogSink
{
    /// <summary>Writes what is known before the events: the job, the checkpoint, the storage path.</summary>
    ValueTask WriteStartAsync(LogScope scope, CancellationToken cancellationToken);

    /// <summary>Writes what is known only after them (totals, pagination) and flushes.</summary>
    ValueTask WriteEndAsync(ScanResult result, CancellationToken cancellationToken);
}
