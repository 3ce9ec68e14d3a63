using System.Globalization;
using System.Text;
using Perstack.App.Features.Log.Reading;
using Perstack.App.Presentation;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Formatting;

/// <summary>
/// The readable format: a header (job, optional checkpoint and its messages), then one block per event between
/// rules, then the pagination footer and (with <c>--summary</c>) the totals. Lines are buffered and written in chunks,
/// never all at once.
/// </summary>
internal sealed class TerminalLogWriter : ILogWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly string Rule = new('─', 50);

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _verbose;
    private readonly bool _messages;
    private readonly bool _summary;
    private readonly StringBuilder _buffer = new();
    private readonly bool _dim;
    private bool _eventsStarted;

    /// <summary>Creates the writer.</summary>
    public TerminalLogWriter(TextWriter output, TextWriter error, bool verbose, bool messages, bool summary)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _error = error ?? throw new ArgumentNullException(nameof(error));
        _verbose = verbose;
        _messages = messages;
        _summary = summary;
        _dim = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }

    /// <inheritdoc />
    public async ValueTask WriteStartAsync(LogScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsLatestJob)
        {
            Line("(showing latest job)").Line();
        }

        Line($"Storage: {scope.StoragePath}").Line();
        var job = scope.Job;
        Line($"Job: {job.Id} ({scope.Status}){DerivedJobText.Marker(job)}");
        Line($"Expert: {job.CoordinatorExpertKey}");
        Line($"Started: {TimeFormat.Utc(job.StartedAt)}");
        Line(string.Create(CultureInfo.InvariantCulture, $"Steps: {job.TotalSteps}"));
        if (job.FinishedAt is { } finished)
        {
            Line($"Finished: {TimeFormat.Utc(finished)}");
        }

        if (scope.RunId is { } runId && scope.Checkpoint is null)
        {
            Line($"Run: {runId}");
        }

        Line();
        if (scope.Checkpoint is { } checkpoint)
        {
            Line($"Checkpoint: {checkpoint.Id}");
            Line($"Status: {JobStatusText.Of(checkpoint.Status)}");
            Line(string.Create(CultureInfo.InvariantCulture, $"Step: {checkpoint.StepNumber}"));
            Line($"Expert: {checkpoint.Expert.Key}");
            Line($"Run: {checkpoint.RunId}");
            Line();
            if (_messages)
            {
                Line("Messages:");
                foreach (var message in checkpoint.Messages)
                {
                    Line($"  {TextPreview.Message(message)}");
                }

                Line();
            }
        }

        await FlushAsync(force: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask WriteEventAsync(LoggedEvent runEvent, bool isContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (!_eventsStarted)
        {
            _eventsStarted = true;
            Line("Events:").Line(Rule);
        }

        Line(EventText.Header(runEvent));
        foreach (var detail in EventText.Details(runEvent, _verbose).Select(Dimmed))
        {
            Line(detail);
        }

        Line();
        await FlushAsync(force: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReportProblemAsync(StoreProblem problem, CancellationToken cancellationToken)
    {
        await FlushAsync(force: true).ConfigureAwait(false);
        await ProblemReporter.WarnAsync(_error, [problem]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask WriteEndAsync(ScanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_eventsStarted)
        {
            Line(Rule);
            if (result.Matched > result.Shown)
            {
                var context = result.ContextShown > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{result.ContextShown} context)") : "";
                Line(string.Create(CultureInfo.InvariantCulture, $"(showing {result.Shown} of {result.Matched} matched events{context})"));
                Line("Use --take and --offset to paginate, or --take 0 for all");
            }
        }
        else
        {
            Line(result.Matched > 0
                ? string.Create(CultureInfo.InvariantCulture, $"({result.Matched} events available, use --offset to view)")
                : "(no matching events)");
        }

        if (_summary)
        {
            var s = result.Summary;
            Line().Line("Summary:");
            Line(string.Create(CultureInfo.InvariantCulture, $"  Total Events: {s.TotalEvents}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"  Errors: {s.ErrorCount}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"  Tool Calls: {s.ToolCallCount}"));
            Line(string.Create(CultureInfo.InvariantCulture, $"  Delegations: {s.DelegationCount}"));
            if (s.MinStep is { } min && s.MaxStep is { } max)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"  Step Range: {min} - {max}"));
            }
        }

        await FlushAsync(force: true).ConfigureAwait(false);
    }

    /// <summary>Reasoning lines are dimmed (ANSI faint) on a terminal, unless <c>NO_COLOR</c> is set; plain otherwise.</summary>
    private string Dimmed(string line) =>
        _dim && line.StartsWith(EventText.ThinkingPrefix, StringComparison.Ordinal) ? $"\u001b[2m{line}\u001b[22m" : line;

    private TerminalLogWriter Line(string text = "")
    {
        _buffer.Append(text).Append('\n');
        return this;
    }

    private async Task FlushAsync(bool force)
    {
        if (_buffer.Length > 0 && (force || _buffer.Length >= FlushAt))
        {
            foreach (var chunk in _buffer.GetChunks())
            {
                await _output.WriteAsync(chunk).ConfigureAwait(false);
            }

            await _output.FlushAsync().ConfigureAwait(false);
            _buffer.Clear();
        }
    }
}
