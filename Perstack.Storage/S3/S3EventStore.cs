using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Perstack.Storage.Events;

namespace Perstack.Storage.S3;

/// <summary>
/// <see cref="IEventStore"/> over <c>runs/&lt;runId&gt;/event-*.json</c> objects. A run's events are named from what
/// this store wrote plus one listing of the run's prefix, so two events sharing a name are never written over each other.
/// </summary>
public sealed class S3EventStore(S3History history, S3Writer writer) : IEventStore, IDisposable
{
    private const int MaxNameAttempts = 1000;
    private readonly Dictionary<(JobId, RunId), HashSet<string>> _names = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task SaveAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_names.TryGetValue((runEvent.JobId, runEvent.RunId), out var taken))
            {
                // Once per run in this process: what is there already (a continued run, another writer's earlier events).
                var listed = await history.Bucket.ListAsync(S3Keys.Run(runEvent.JobId, runEvent.RunId), cancellationToken).ConfigureAwait(false);
                taken = new HashSet<string>(listed.Select(o => o.Key), StringComparer.Ordinal);
                _names[(runEvent.JobId, runEvent.RunId)] = taken;
            }

            for (long ts = runEvent.Timestamp; ts < runEvent.Timestamp + MaxNameAttempts; ts++)
            {
                var key = S3Keys.Event(runEvent.JobId, runEvent.RunId, ts, runEvent.StepNumber, runEvent.Type);
                if (taken.Add(key))
                {
                    await writer.WriteJsonAsync<RunEvent>(key, runEvent, PerstackJson.RunEvent, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }

            throw new IOException($"No free event name for {runEvent.Type} at step {runEvent.StepNumber} in {history.Show(S3Keys.Run(runEvent.JobId, runEvent.RunId))}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunId>> ListRunsAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var prefix = S3Keys.Runs(jobId);
        var listed = await history.Bucket.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var runs = new SortedSet<RunId>();
        foreach (var item in listed)
        {
            var rest = item.Key[prefix.Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && RunId.TryParse(rest[..slash], out var runId))
            {
                runs.Add(runId);
            }
        }

        return [.. runs];
    }

    /// <inheritdoc />
    public async Task<StoreListing<EventSummary>> ListAsync(JobId jobId, RunId runId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var prefix = S3Keys.Run(jobId, runId);
        var listed = await history.Bucket.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var events = new List<EventSummary>();
        var problems = new List<StoreProblem>();
        foreach (var item in listed)
        {
            var name = item.Key[prefix.Length..];
            if (!name.StartsWith("event-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!name.Contains('/', StringComparison.Ordinal) && EventFileName.TryParse(name, out var ts, out var step, out var type))
            {
                events.Add(new EventSummary(jobId, runId, ts, step, type));
            }
            else
            {
                problems.Add(new StoreProblem(history.Show(item.Key), "the name is not event-<timestamp>-<step>-<type>.json: ignored"));
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
        return new StoreListing<EventSummary>(events, problems);
    }

    /// <inheritdoc />
    public async Task<RunEvent?> GetAsync(EventSummary summary, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyOf(summary);
        var runEvent = await history.ReadJsonOrThrowAsync(key, PerstackJson.RunEvent, cancellationToken).ConfigureAwait(false);
        return runEvent is null || (runEvent.JobId == summary.JobId && runEvent.RunId == summary.RunId)
            ? runEvent
            : throw new CorruptFileException(new StoreProblem(history.Show(key), $"it names run {runEvent.RunId} of job {runEvent.JobId}"));
    }

    /// <inheritdoc />
    public async Task<JsonDocument?> ReadJsonAsync(EventSummary summary, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyOf(summary);
        var got = await history.Bucket.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (got is not { } found)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = found.Content.Length == 0
                ? throw new CorruptFileException(new StoreProblem(history.Show(key), "the object is empty"))
                : JsonDocument.Parse(found.Content);
        }
        catch (JsonException e)
        {
            throw new CorruptFileException(new StoreProblem(history.Show(key), PerstackJson.Describe(e)));
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && root.TryGetProperty("stepNumber", out var step) && step.ValueKind == JsonValueKind.Number && step.TryGetInt64(out _)
            && root.TryGetProperty("timestamp", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out _)
            && (!root.TryGetProperty("jobId", out var job) || (job.ValueKind == JsonValueKind.String && job.GetString() == summary.JobId.Value))
            && (!root.TryGetProperty("runId", out var run) || (run.ValueKind == JsonValueKind.String && run.GetString() == summary.RunId.Value)))
        {
            return document;
        }

        document.Dispose();
        throw new CorruptFileException(new StoreProblem(history.Show(key), "not a run event of this run: it needs a string type, numeric stepNumber and timestamp, and this job and run"));
    }

    private static string KeyOf(EventSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Type.Contains('/', StringComparison.Ordinal) || summary.Type.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("Invalid event type.", nameof(summary));
        }

        return S3Keys.Event(summary.JobId, summary.RunId, summary.Timestamp, summary.StepNumber, summary.Type);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
