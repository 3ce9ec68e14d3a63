namespace Perstack.Core.Runtime;

/// <summary>
/// Event timestamps in epoch ms, strictly increasing within the process, so events sort in emit order even when
/// several fall in one millisecond (the reference's file names collided then).
/// </summary>
public sealed class EventClock
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _last;

    /// <summary>Creates the clock.</summary>
    public EventClock(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The next timestamp.</summary>
    public long Next()
    {
        lock (_gate)
        {
            _last = Math.Max(_last + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
            return _last;
        }
    }

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();
}
