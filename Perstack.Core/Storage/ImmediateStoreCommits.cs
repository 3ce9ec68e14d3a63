namespace Perstack.Core.Storage;

/// <summary>For stores whose writes are on disk when their calls return: nothing is ever pending.</summary>
public sealed class ImmediateStoreCommits : IStoreCommits
{
    private ImmediateStoreCommits()
    {
    }

    /// <summary>The one instance.</summary>
    public static ImmediateStoreCommits Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask AfterCommitAsync(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action();
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
