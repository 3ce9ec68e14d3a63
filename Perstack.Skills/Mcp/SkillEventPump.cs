using System.Threading.Channels;
using Perstack.Core.Domain.Events;
using Perstack.Core.Skills;

namespace Perstack.Skills.Mcp;

/// <summary>
/// Delivers one skill's runtime events to its <see cref="SkillEventTarget"/> in order, one at a time, off the
/// thread that posted them (stderr lines arrive on the process reader's thread and must never wait for a listener).
/// </summary>
internal sealed class SkillEventPump
{
    private readonly Channel<RuntimeEvent> _channel = Channel.CreateUnbounded<RuntimeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pumping;

    public SkillEventPump(SkillEventTarget target)
    {
        Target = target;
        _pumping = Task.Run(() => PumpAsync(target.OnEvent));
    }

    /// <summary>The job, run and listener.</summary>
    public SkillEventTarget Target { get; }

    /// <summary>Queues an event; after <see cref="CompleteAsync"/> it is dropped.</summary>
    public void Post(RuntimeEvent runtimeEvent) => _channel.Writer.TryWrite(runtimeEvent);

    /// <summary>Accepts no more events and waits until every queued one has been delivered.</summary>
    public Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return _pumping;
    }

    private async Task PumpAsync(Func<RuntimeEvent, ValueTask> onEvent)
    {
        await foreach (var runtimeEvent in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await onEvent(runtimeEvent).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A broken listener never breaks the skill; the next events are still delivered.
            }
        }
    }
}
