namespace Perstack.App.Tui.Shell;

/// <summary>
/// Background work of the UI: loads run off the UI thread (stores awaited with ConfigureAwait(false)) and apply
/// their result with one post to the UI thread. Tests await <see cref="IdleAsync"/> to know every load has posted.
/// </summary>
internal sealed class UiWork(IUiDispatcher dispatcher)
{
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    public IUiDispatcher Dispatcher => dispatcher;

    /// <summary>Loads off the UI thread, then applies (or reports the error) on it.</summary>
    public void Run<T>(Func<Task<T>> load, Action<T> apply, Action<Exception> fail)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                var result = await load().ConfigureAwait(false);
                dispatcher.Post(() => apply(result));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                dispatcher.Post(() => fail(e));
            }
        });
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    /// <summary>Completes when every started load has posted its result.</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                _running.RemoveAll(t => t.IsCompleted);
                pending = [.. _running];
            }

            if (pending.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }
}
