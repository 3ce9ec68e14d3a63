using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Files;

namespace Perstack.Storage.Events;

/// <summary><see cref="IEventStore"/> over <c>jobs/&lt;jobId&gt;/runs/&lt;runId&gt;/event-*.json</c> (compact JSON).</summary>
public sealed class FileEventStore : IEventStore
{
    // Bounds the search for a free name when many events share a millisecond.
    private const int MaxNameAttempts = 1000;

    private readonly StorageLayout _layout;
    private readonly StoreWriter _writer;

    /// <summary>Creates the store.</summary>
    public FileEventStore(StorageLayout layout)
        : this(layout, StoreWriter.Immediate)
    {
    }

    /// <summary>Creates the store writing through <paramref name="writer"/> (a run's events).</summary>
    public FileEventStore(StorageLayout layout, StoreWriter writer)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <inheritdoc />
    public async Task SaveAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var directory = _layout.RunDirectory(runEvent.JobId, runEvent.RunId);

        // The reference overwrote an event that shared timestamp, step and type; we move the name on by a
        // millisecond instead, which keeps the grammar and the order.
        for (long ts = runEvent.Timestamp; ts < runEvent.Timestamp + MaxNameAttempts; ts++)
        {
            var path = Path.Combine(directory, EventFileName.Format(ts, runEvent.StepNumber, runEvent.Type));
            if (!_writer.IsPending(path) && !File.Exists(path))
            {
                await _writer.WriteJsonAsync<RunEvent>(path, runEvent, PerstackJson.RunEvent, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        throw new IOException($"No free event file name for {runEvent.Type} at step {runEvent.StepNumber} in {directory}");
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunId>> ListRunsAsync(JobId jobId, CancellationToken cancellationToken = default) =>
        ReadAfterCommitAsync(() => ListRuns(jobId), cancellationToken);

    /// <inheritdoc />
    public Task<StoreListing<EventSummary>> ListAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default) =>
        ReadAfterCommitAsync(() => List(jobId, runId), cancellationToken);

    /// <inheritdoc />
    public Task<RunEvent?> GetAsync(EventSummary summary, CancellationToken cancellationToken = default) =>
        ReadAfterCommitAsync(() => GetNowAsync(summary, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<JsonDocument?> ReadJsonAsync(EventSummary summary, CancellationToken cancellationToken = default) =>
        ReadAfterCommitAsync(() => ReadJsonNow(summary, cancellationToken), cancellationToken);

    /// <summary>Runs a read once this store's queued writes are on disk (at once when it writes immediately).</summary>
    private Task<T> ReadAfterCommitAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        return _writer.WritesBehind ? CommitThenReadAsync() : read();

        async Task<T> CommitThenReadAsync()
        {
            await _writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            return await read().ConfigureAwait(false);
        }
    }

    private Task<IReadOnlyList<RunId>> ListRuns(JobId jobId)
    {
        var directory = _layout.RunsDirectory(jobId);
        var runs = new List<RunId>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateDirectories(directory))
            {
                if (RunId.TryParse(Path.GetFileName(path), out var runId))
                {
                    runs.Add(runId);
                }
            }
        }

        runs.Sort();
        return Task.FromResult<IReadOnlyList<RunId>>(runs);
    }

    private Task<StoreListing<EventSummary>> List(JobId jobId, RunId runId)
    {
        var events = new List<EventSummary>();
        var problems = new List<StoreProblem>();
        var directory = _layout.RunDirectory(jobId, runId);
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "event-*.json"))
            {
                if (EventFileName.TryParse(Path.GetFileName(path), out var ts, out var step, out var type))
                {
                    events.Add(new EventSummary(jobId, runId, ts, step, type));
                }
                else
                {
                    problems.Add(new StoreProblem(path, "the file name is not event-<timestamp>-<step>-<type>.json"));
                }
            }
        }

        events.Sort(static (a, b) =>
        {
            int c = a.Timestamp.CompareTo(b.Timestamp);
            if (c == 0)
            {
                c = a.StepNumber.CompareTo(b.StepNumber);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Type, b.Type);
        });
        return Task.FromResult(new StoreListing<EventSummary>(events, problems));
    }

    private async Task<RunEvent?> GetNowAsync(EventSummary summary, CancellationToken cancellationToken)
    {
        var path = PathOf(summary);
        var runEvent = await JsonFile.ReadOrThrowAsync(path, PerstackJson.RunEvent, cancellationToken).ConfigureAwait(false);

        // As for jobs, checkpoints and run settings: an event naming another job or run is not this run's event.
        return runEvent is null || (runEvent.JobId == summary.JobId && runEvent.RunId == summary.RunId)
            ? runEvent
            : throw new CorruptFileException(new StoreProblem(path, $"it names run {runEvent.RunId} of job {runEvent.JobId}"));
    }

    private Task<JsonDocument?> ReadJsonNow(EventSummary summary, CancellationToken cancellationToken)
    {
        var path = PathOf(summary);
        cancellationToken.ThrowIfCancellationRequested();
        JsonDocument document;
        try
        {
            // Parsing from the stream reads into a pooled buffer, returned when the document is disposed; synchronous on
            // purpose (for small files an async read is a blocking read plus a thread-pool hop, see JsonFile).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            if (stream.Length == 0)
            {
                throw new CorruptFileException(new StoreProblem(path, "the file is empty"));
            }

            document = JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<JsonDocument?>(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorruptFileException(new StoreProblem(path, e.Message));
        }
        catch (JsonException e)
        {
            throw new CorruptFileException(new StoreProblem(path, PerstackJson.Describe(e)));
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && root.TryGetProperty("stepNumber", out var step) && step.ValueKind == JsonValueKind.Number && step.TryGetInt64(out _)
            && root.TryGetProperty("timestamp", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out _))
        {
            if (NamesOtherRun(root, summary) is { } other)
            {
                document.Dispose();
                throw new CorruptFileException(new StoreProblem(path, other));
            }

            return Task.FromResult<JsonDocument?>(document);
        }

        document.Dispose();
        throw new CorruptFileException(new StoreProblem(path, "not a run event: it needs a string type and numeric stepNumber and timestamp"));
    }

    /// <summary>As in <see cref="GetAsync"/>: the reason when the event names another job or run, else null.</summary>
    private static string? NamesOtherRun(JsonElement root, EventSummary summary)
    {
        var jobId = root.TryGetProperty("jobId", out var job) && job.ValueKind == JsonValueKind.String ? job.GetString() : null;
        var runId = root.TryGetProperty("runId", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null;
        return (jobId is null || jobId == summary.JobId.Value) && (runId is null || runId == summary.RunId.Value)
            ? null
            : $"it names run {runId} of job {jobId}";
    }

    private string PathOf(EventSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var name = EventFileName.Format(summary.Timestamp, summary.StepNumber, summary.Type);
        if (Path.GetFileName(name) != name)
        {
            throw new ArgumentException("Invalid event type.", nameof(summary));
        }

        return Path.Combine(_layout.RunDirectory(summary.JobId, summary.RunId), name);
    }
}
