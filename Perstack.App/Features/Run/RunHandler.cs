using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>Turns <c>perstack run</c>'s options into a <see cref="RunService"/> run printing NDJSON on stdout.</summary>
internal sealed class RunHandler(RunService runs)
{
    public async Task<int> RunAsync(CliContext context, RunOptions options, ParseResult parse, InterruptionScope interruption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(interruption);
        var flags = options.ToOverrides(parse, Environment.CurrentDirectory);
        var expertKey = parse.GetRequiredValue(options.ExpertKey);
        var stdout = new NdjsonEventWriter(context.Output);
        IRunEventSink sink = flags.Verbose ? new FanOutSink(stdout, new VerboseEventWriter(context.Error)) : stdout;
        try
        {
            // -i only means something with a continue flag (as in the reference); without one the query is text.
            await runs.RunAsync(flags, expertKey, parse.GetRequiredValue(options.Query), parse.GetValue(options.Interactive), sink, interruption.Token)
                .ConfigureAwait(false);
            return 0;
        }
        catch (RunCancelledException e)
        {
            var message = e.StartedJob is { } jobId
                ? interruption.CancelledMessage(jobId, expertKey)
                : $"Cancelled by {interruption.SignalName} before the job started";
            await InterruptionScope.TryWriteAsync(context.Error, message).ConfigureAwait(false);
            return interruption.ExitCode;
        }
    }
}
