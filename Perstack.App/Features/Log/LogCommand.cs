using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Features.Log.Reading;
using Perstack.Core.Domain;

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
            if (parse.GetValue(options.Messages) && checkpointId is null)
            {
                throw new PerstackException("Error: --messages needs --checkpoint <checkpointId>");
            }

            var filter = options.ToFilter(parse);
            var pager = new EventPager<ScanItem>(parse.GetValue(options.Offset) ?? 0, parse.GetValue(options.Take) ?? LogOptions.DefaultTake, parse.GetValue(options.Context) ?? 0);

            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<LogHandler>(handler => handler.RunAsync(context, parse, options, filter, pager, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
