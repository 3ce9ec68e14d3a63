using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Log.Formatting;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log;

/// <summary>
/// <c>perstack log</c>: a job's events for people and for scripts, filtered and paged, streamed from disk one event at
/// a time (only the events shown are read, unless <c>--filter</c> needs every candidate's content).
/// </summary>
internal static class LogCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var options = new LogOptions();
        var command = new Command("log", "Show a job's events (default: the latest job), filtered and paged; --json for scripts");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var checkpointId = parse.GetValue(options.Checkpoint);
            bool json = parse.GetValue(options.Json);
            if (parse.GetValue(options.Messages) && checkpointId is null)
            {
                throw new PerstackException("Error: --messages needs --checkpoint <checkpointId>");
            }

            var filter = options.ToFilter(parse);
            var pager = new EventPager<ScanItem>(parse.GetValue(options.Offset) ?? 0, parse.GetValue(options.Take) ?? LogOptions.DefaultTake, parse.GetValue(options.Context) ?? 0);

            using var context = CliContext.ForHistory(parse, global, environment);
            var scope = await LogScopeResolver.ResolveAsync(
                context, parse.GetValue(options.Job), parse.GetValue(options.Run), checkpointId, withCheckpointHeaders: json, cancellationToken).ConfigureAwait(false);
            if (scope is null)
            {
                await context.Text.WriteLineAsync("No data found").ConfigureAwait(false);
                return 0;
            }

            var store = context.Get<IEventStore>();
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
        });
        return command;
    }
}
