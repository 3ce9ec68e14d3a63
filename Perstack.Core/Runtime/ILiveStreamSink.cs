namespace Perstack.Core.Runtime;

/// <summary>
/// An event sink that also wants model output as it streams (the TUI). When a run's sink is one (or a
/// <see cref="StoringEventSink"/> forwarding to one), model calls are streamed; otherwise they are not.
/// </summary>
public interface ILiveStreamSink
{
    /// <summary>Called on the run's thread; must return quickly (post, do not draw).</summary>
    void OnLiveStream(LiveStreamEvent liveEvent);
}
