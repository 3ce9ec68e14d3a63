using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Storage;

namespace Perstack.Core.Runtime;

/// <summary>
/// The experts a pass is nested in, from the job's first expert (depth 0) down to the pass's own expert, each with
/// the query it was given. Bounds delegation: a delegation deeper than <c>maxDelegationDepth</c>, or one that repeats
/// an expert of the chain with the very query that expert was given there (a cycle that cannot make progress: the
/// delegate would start exactly where its ancestor started), stops the job.
/// </summary>
internal sealed class DelegationChain
{
    private readonly IReadOnlyList<(string ExpertKey, string? Query)> _levels;

    private DelegationChain(IReadOnlyList<(string ExpertKey, string? Query)> levels) => _levels = levels;

    /// <summary>How deep the pass's expert is nested (0: the job's first expert).</summary>
    public int Depth => _levels.Count - 1;

    /// <summary>The chain of a job's first expert, asked <paramref name="query"/>.</summary>
    public static DelegationChain Root(string expertKey, string? query) => new([(expertKey, query)]);

    /// <summary>
    /// The chain of a stored checkpoint, rebuilt from its <c>delegatedBy</c> links (each parent's <c>delegateTo</c>
    /// holds the query it gave). At most <paramref name="maxLevels"/> levels are read: deeper than that, the depth is
    /// already past any limit. A parent that cannot be read ends the walk there.
    /// </summary>
    public static async Task<DelegationChain> LoadAsync(ICheckpointStore checkpoints, Checkpoint checkpoint, int maxLevels, CancellationToken cancellationToken)
    {
        var levels = new List<(string, string?)>();
        var current = checkpoint;
        while (levels.Count < maxLevels)
        {
            if (current.DelegatedBy is not { } parentRef)
            {
                levels.Add((current.Expert.Key, FirstQuery(current)));
                break;
            }

            Checkpoint? parent;
            try
            {
                parent = await checkpoints.GetAsync(current.JobId, parentRef.CheckpointId, cancellationToken).ConfigureAwait(false);
            }
            catch (CorruptFileException)
            {
                parent = null;
            }

            levels.Add((current.Expert.Key, parent?.DelegateTo?.FirstOrDefault(t => t.ToolCallId == parentRef.ToolCallId)?.Query));
            if (parent is null)
            {
                break;
            }

            current = parent;
        }

        levels.Reverse();
        return new DelegationChain(levels);
    }

    /// <summary>The chain of a delegate of this pass's expert.</summary>
    public DelegationChain Then(string expertKey, string query) => new([.. _levels, (expertKey, query)]);

    /// <summary>The chain of the parent (a delegate returning to it); the root stays the root.</summary>
    public DelegationChain Parent() => _levels.Count > 1 ? new DelegationChain([.. _levels.Take(_levels.Count - 1)]) : this;

    /// <summary>Why delegating to <paramref name="target"/> must stop the job, or null when it may run.</summary>
    public DelegationStoppedException? Refusal(DelegationTarget target, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = target.Expert.Key;
        if (Depth + 1 > maxDepth)
        {
            return new DelegationStoppedException(
                DelegationStoppedException.DepthExceeded,
                $"Delegation depth limit reached: {Describe(key)} would be {Depth + 1} levels deep (maxDelegationDepth = {maxDepth}). " +
                "Raise maxDelegationDepth in perstack.toml (or --max-delegation-depth) and continue the job, or continue it with a query that needs no deeper delegation");
        }

        for (int depth = 0; depth < _levels.Count; depth++)
        {
            if (_levels[depth].ExpertKey == key && _levels[depth].Query is { } given && string.Equals(given.Trim(), target.Query.Trim(), StringComparison.Ordinal))
            {
                return new DelegationStoppedException(
                    DelegationStoppedException.Cycle,
                    $"Delegation cycle: {Describe(key)} gives \"{key}\" the same query it was given at depth {depth}, so it cannot make progress. " +
                    "Continue the job with a query that changes the task");
            }
        }

        return null;
    }

    /// <summary><c>a → b → c</c>, at most the first two and the last three names.</summary>
    private string Describe(string next)
    {
        var names = _levels.Select(l => l.ExpertKey).Append(next).ToList();
        return names.Count <= 6
            ? string.Join(" → ", names)
            : string.Join(" → ", names.Take(2)) + $" → … ({names.Count - 5} more) → " + string.Join(" → ", names.Skip(names.Count - 3));
    }

    private static string? FirstQuery(Checkpoint checkpoint) =>
        checkpoint.Messages.OfType<UserMessage>().SelectMany(m => m.Contents).OfType<TextPart>().FirstOrDefault()?.Text;
}
