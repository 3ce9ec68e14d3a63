using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using Perstack.Storage.Checkpoints;

namespace Perstack.Storage.S3;

/// <summary>
/// <see cref="ICheckpointStore"/> over <c>checkpoints/&lt;id&gt;.json</c> objects. Listing reads headers through the
/// header cache (<see cref="S3History.CheckpointHeadersAsync"/>): a checkpoint's body is downloaded once per ETag.
/// </summary>
public sealed class S3CheckpointStore(S3History history, S3Writer writer) : ICheckpointStore, IDisposable
{
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly Dictionary<JobId, long> _nextSequence = [];

    /// <inheritdoc />
    public IReadOnlyList<JobId> FindJobs(CheckpointId checkpointId)
    {
        var suffix = $"/checkpoints/{checkpointId}.json";
        var listed = history.Bucket.ListAsync(S3Keys.Jobs, CancellationToken.None).GetAwaiter().GetResult();
        return [.. listed
            .Where(o => o.Key.EndsWith(suffix, StringComparison.Ordinal))
            .Select(o => o.Key[S3Keys.Jobs.Length..^suffix.Length])
            .Select(name => JobId.TryParse(name, out var id) ? id : (JobId?)null)
            .OfType<JobId>()
            .Distinct()
            .Order()];
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> GetAsync(JobId jobId, CheckpointId checkpointId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var key = S3Keys.Checkpoint(jobId, checkpointId);
        var checkpoint = await history.ReadJsonOrThrowAsync(key, PerstackJson.Checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint is null || (checkpoint.JobId == jobId && checkpoint.Id == checkpointId)
            ? checkpoint
            : throw new CorruptFileException(new StoreProblem(history.Show(key), $"it names checkpoint {checkpoint.Id} of job {checkpoint.JobId}"));
    }

    /// <inheritdoc />
    public async Task<Checkpoint> SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_nextSequence.TryGetValue(checkpoint.JobId, out long next))
            {
                // Once per job in this store (a run holds the job: no other writer adds checkpoints meanwhile).
                await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
                var (existing, _) = await history.CheckpointHeadersAsync(checkpoint.JobId, null, cancellationToken).ConfigureAwait(false);
                next = existing.Count == 0 ? 1 : existing.Max(e => e.Summary.Sequence ?? 0) + 1;
            }

            var stored = checkpoint with { Sequence = checkpoint.Sequence ?? next };
            _nextSequence[checkpoint.JobId] = Math.Max(next, (stored.Sequence ?? 0) + 1);

            // As on disk: a checkpoint that held a known secret is stored, and handed back, redacted by its type.
            var serialized = JsonSerializer.SerializeToUtf8Bytes(stored, PerstackJson.Checkpoint);
            var content = writer.Redact(serialized);
            if (content.Length != serialized.Length || !content.Span.SequenceEqual(serialized))
            {
                stored = writer.Secrets.Redact(stored);
                content = JsonSerializer.SerializeToUtf8Bytes(stored, PerstackJson.Checkpoint);
            }

            await writer.WriteAsync(S3Keys.Checkpoint(stored.JobId, stored.Id), content, cancellationToken).ConfigureAwait(false);
            return stored;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<StoreListing<CheckpointSummary>> ListAsync(JobId jobId, CancellationToken cancellationToken = default)
    {
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        var (checkpoints, problems) = await history.CheckpointHeadersAsync(jobId, null, cancellationToken).ConfigureAwait(false);
        var entries = checkpoints.Select(c => c.Summary).ToList();
        entries.Sort(FileCheckpointStore.InListingOrder);
        return new StoreListing<CheckpointSummary>(entries, problems);
    }

    /// <inheritdoc />
    public void Dispose() => _saveGate.Dispose();
}
