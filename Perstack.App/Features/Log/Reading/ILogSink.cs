using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>Where <see cref="EventScan"/> sends what it lets through, one item at a time, in order.</summary>
internal interface ILogSink
{
    /// <summary>Writes one event; <paramref name="isContext"/> marks a <c>--context</c> neighbour of a match.</summary>
    ValueTask WriteEventAsync(LoggedEvent runEvent, bool isContext, CancellationToken cancellationToken);

    /// <summary>Reports an event file that could not be read; it is skipped.</summary>
    ValueTask ReportProblemAsync(StoreProblem problem, CancellationToken cancellationToken);
}
