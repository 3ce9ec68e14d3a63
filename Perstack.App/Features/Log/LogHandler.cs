using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Log.Filters;
using Perstack.App.Features.Log.Formatting;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log;

/// <summary>What <c>perstack log</c> does once its options are parsed and checked.</summary>
internal sealed class LogHandler(LogScopeResolver scopes, IEventStore store)
{
    /// <summary>Writes the scope's events that pass <paramref name="filter"/>, paged by <paramref name="pager"/>.</summary>
    public async Task<int> RunAsync(
        CliContext context, ParseResult parse, LogOptions options, EventFilter filter, EventPager<ScanItem> pager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        bool json = parse.GetValue(options.Json);
        var scope = await scopes.ResolveAsync(
            context, parse.GetValue(options.Job), parse.GetValue(options.Run), parse.GetValue(options.Checkpoint), withCheckpointHeaders: json, cancellationToken).ConfigureAwait(false);
        if (scope is null)
        {
            await context.Text.WriteLineAsync("No data found").ConfigureAwait(false);
            return 0;
        }

        var listing = await EventListing.ListAsync(store, scope.Job.Id, scope.RunId, cancellationToken).ConfigureAwait(false);
        using var jsonWriter = json ? new JsonLogWriter(context.Output, context.Error, parse.GetValue(options.Pretty)) : null;
        ILogWriter writer = (ILogWriter?)jsonWriter
            ?? new TerminalLogWriter(context.Text, context.Error, parse.GetValue(options.Verbose), parse.GetValue(options.Messages), parse.GetValue(options.Summary));

        await writer.WriteStartAsync(scope, cancellationToken).ConfigureAwait(false);
        foreach (var problem in listing.Problems)
        {
            await writer.ReportProblemAsync(problem, cancellationToken).ConfigureAwait(false);
        }

        var result = await new EventScan(store, writer).RunAsync(listing.Items, filter, pager, cancellationToken).ConfigureAwait(false);
        await writer.WriteEndAsync(result, cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
