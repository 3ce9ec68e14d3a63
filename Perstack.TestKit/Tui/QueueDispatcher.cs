using System.Collections.Concurrent;
using Perstack.App.Tui;
using Perstack.App.Tui.Shell;

namespace Perstack.TestKit.Tui;

/// <summary>Posts to a queue the test drains: UI work runs on the test's thread, when the test says so.</summary>
internal sealed class QueueDispatcher : IUiDispatcher
{
    private readonly ConcurrentQueue<Action> _queue = new();

    public void Post(Action action) => _queue.Enqueue(action);

    public void PostAfterFrame(Action action) => _queue.Enqueue(action);

    public bool Drain()
    {
        bool any = false;
        while (_queue.TryDequeue(out var action))
        {
            action();
            any = true;
        }

        return any;
    }
}
