using System.CommandLine;
using Perstack.App.Cli;
using Perstack.App.Security;
using Perstack.Core.Runtime;

namespace Perstack.App.Features.Run;

/// <summary>Turns <c>perstack run</c>'s options into a <see cref="LocalRunner"/> run printing NDJSON on stdout.</summary>
internal sealed class RunHandler
{
    private readonly CliContext _context;
    private readonly RunOptions _options;
    private readonly ParseResult _parse;

    public RunHandler(CliContext context, RunOptions options, ParseResult parse)
    {
        _context = context;
        _options = options;
        _parse = parse;
    }

    public async Task<int> RunAsync(InterruptionScope interruption)
    {
        var cancellationToken = interruption.Token;
        var continueOptions = new ContinueOptions(_parse.GetValue(_options.Continue), _parse.GetValue(_options.ContinueJob), _parse.GetValue(_options.ResumeFrom));
        var defaults = _options.ToDefaults(_parse, Environment.CurrentDirectory);
        var ports = _context.RunPorts();

        var stdout = new NdjsonEventWriter(_context.Output);
        var job = new JobIdRecorder();
        IRunEventSink sink = _parse.GetValue(_options.Verbose) ? new FanOutSink(job, stdout, new VerboseEventWriter(_context.Error)) : new FanOutSink(job, stdout);
        try
        {
            // -i only means something with a continue flag (as in the reference); without one the query is text.
            await new LocalRunner(defaults, ports, StartupEnvironment.Variables)
                .RunAsync(_parse.GetRequiredValue(_options.ExpertKey), _parse.GetRequiredValue(_options.Query), continueOptions, _parse.GetValue(_options.Interactive), sink, cancellationToken)
                .ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var message = job.JobId is { } jobId
                ? interruption.CancelledMessage(jobId, _parse.GetRequiredValue(_options.ExpertKey))
                : $"Cancelled by {interruption.SignalName} before the job started";
            await InterruptionScope.TryWriteAsync(_context.Error, message).ConfigureAwait(false);
            return interruption.ExitCode;
        }
    }
}
