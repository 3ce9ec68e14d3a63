using System.Collections.Concurrent;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Skills;
using Perstack.TestKit.Processes;

namespace Perstack.TestKit.Skills;

/// <summary>Records the runtime events of skills (thread-safe).</summary>
internal sealed class EventRecorder
{
    private readonly ConcurrentQueue<RuntimeEvent> _events = new();

    public EventRecorder()
    {
        Target = new SkillEventTarget(JobId, RunId, e =>
        {
            _events.Enqueue(e);
            return ValueTask.CompletedTask;
        });
    }

    public JobId JobId { get; } = JobId.New();

    public RunId RunId { get; } = RunId.New();

    public SkillEventTarget Target { get; }

    public IReadOnlyList<RuntimeEvent> Events => [.. _events];

    public IReadOnlyList<T> OfType<T>() => [.. _events.OfType<T>()];

    public Task<bool> WaitForAsync<T>(Func<T, bool>? predicate = null, double seconds = 10) =>
        TestMcpServer.EventuallyAsync(() => _events.OfType<T>().Any(e => predicate?.Invoke(e) ?? true), TimeSpan.FromSeconds(seconds));
}
