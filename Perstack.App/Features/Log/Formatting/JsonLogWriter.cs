using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.App.Features.Log.Reading;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Formatting;

/// <summary>
/// <c>--json</c>: one document <c>{job, isLatestJob?, storagePath, runId?, checkpoint?, checkpoints?, events, summary,
/// totalEventsBeforeLimit, matchedAfterPagination, contextEvents, problems}</c>, written with a
/// <see cref="Utf8JsonWriter"/> as the events stream past and handed to the output in chunks. Events, jobs and
/// checkpoints use the stored JSON contract; events are written as stored.
/// </summary>
internal sealed class JsonLogWriter : ILogWriter, IDisposable
{
    private const int FlushAt = 32 * 1024;

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _json;
    private readonly List<StoreProblem> _problems = [];

    /// <summary>Creates the writer; <paramref name="pretty"/> indents by 2 spaces.</summary>
    public JsonLogWriter(TextWriter output, TextWriter error, bool pretty)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _error = error ?? throw new ArgumentNullException(nameof(error));
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Indented = pretty,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <inheritdoc />
    public async ValueTask WriteStartAsync(LogScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _json.WriteStartObject();
        _json.WritePropertyName("job");
        JsonSerializer.Serialize(_json, DerivedJobText.ForJson(scope.Job), Info<Job>());
        if (scope.IsLatestJob)
        {
            _json.WriteBoolean("isLatestJob", true);
        }

        _json.WriteString("storagePath", scope.StoragePath);
        if ((scope.Checkpoint?.RunId ?? scope.RunId) is { } runId)
        {
            _json.WriteString("runId", runId.Value);
        }

        if (scope.Checkpoint is { } checkpoint)
        {
            _json.WritePropertyName("checkpoint");
            JsonSerializer.Serialize(_json, checkpoint, PerstackJson.Checkpoint);
        }

        if (scope.Checkpoints is { } checkpoints)
        {
            _json.WriteStartArray("checkpoints");
            foreach (var header in checkpoints)
            {
                JsonSerializer.Serialize(_json, header, Info<CheckpointSummary>());
            }

            _json.WriteEndArray();
        }

        _json.WriteStartArray("events");
        await FlushAsync(force: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask WriteEventAsync(LoggedEvent runEvent, bool isContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        runEvent.Root.WriteTo(_json);
        await FlushAsync(force: false).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReportProblemAsync(StoreProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problems.Add(problem);
        await ProblemReporter.WarnAsync(_error, [problem]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask WriteEndAsync(ScanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        _json.WriteEndArray();
        var summary = result.Summary;
        _json.WriteStartObject("summary");
        _json.WriteNumber("totalEvents", summary.TotalEvents);
        _json.WriteNumber("errorCount", summary.ErrorCount);
        _json.WriteNumber("toolCallCount", summary.ToolCallCount);
        _json.WriteNumber("delegationCount", summary.DelegationCount);
        if (summary.MinStep is { } min && summary.MaxStep is { } max)
        {
            _json.WriteStartObject("stepRange");
            _json.WriteNumber("min", min);
            _json.WriteNumber("max", max);
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
        _json.WriteNumber("totalEventsBeforeLimit", result.Matched);
        _json.WriteNumber("matchedAfterPagination", result.Shown);
        _json.WriteNumber("contextEvents", result.ContextShown);
        _json.WriteStartArray("problems");
        foreach (var problem in _problems)
        {
            _json.WriteStartObject();
            _json.WriteString("path", problem.Path);
            _json.WriteString("reason", problem.Reason);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        await FlushAsync(force: true).ConfigureAwait(false);
        await _output.WriteLineAsync().ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)PerstackJson.Compact.GetTypeInfo(typeof(T));

    // The writer has committed everything to the buffer after Flush, so the buffer can be emptied and reused.
    private async Task FlushAsync(bool force)
    {
        _json.Flush();
        if (_buffer.WrittenCount > 0 && (force || _buffer.WrittenCount >= FlushAt))
        {
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(_buffer.WrittenCount));
            try
            {
                int count = Encoding.UTF8.GetChars(_buffer.WrittenSpan, chars);
                await _output.WriteAsync(chars.AsMemory(0, count)).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }

            _buffer.ResetWrittenCount();
        }
    }
}
