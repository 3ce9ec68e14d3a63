using System.Text;
using Perstack.Core.Providers;

namespace Perstack.Core.Runtime;

/// <summary>
/// Turns what a streamed model call produces into <see cref="LiveStreamEvent"/>s for a live sink: reasoning in any
/// call, answer text only when generating the run result (as the reference streams at HEAD).
/// </summary>
internal sealed class LiveStreamRelay(ILiveStreamSink sink, Func<LiveStreamKind, string, LiveStreamEvent> create, bool runResult) : IChatStreamObserver
{
    private readonly StringBuilder _reasoning = new();
    private readonly StringBuilder _text = new();
    private bool _reasoningOpen;
    private bool _textOpen;

    public void Started()
    {
        // A retried attempt starts over; the sink sees a new start.
        _reasoning.Clear();
        _text.Clear();
        _reasoningOpen = false;
        _textOpen = false;
    }

    public void Reasoning(string delta)
    {
        if (!_reasoningOpen)
        {
            _reasoningOpen = true;
            sink.OnLiveStream(create(LiveStreamKind.StartStreamingReasoning, ""));
        }

        _reasoning.Append(delta);
        sink.OnLiveStream(create(LiveStreamKind.StreamReasoning, delta));
    }

    public void Text(string delta)
    {
        if (!runResult)
        {
            return;
        }

        CloseReasoning();
        if (!_textOpen)
        {
            _textOpen = true;
            sink.OnLiveStream(create(LiveStreamKind.StartStreamingRunResult, ""));
        }

        _text.Append(delta);
        sink.OnLiveStream(create(LiveStreamKind.StreamRunResult, delta));
    }

    /// <summary>The call returned: completes what is open, with the whole text.</summary>
    public void Complete()
    {
        CloseReasoning();
        if (_textOpen)
        {
            _textOpen = false;
            sink.OnLiveStream(create(LiveStreamKind.CompleteStreamingRunResult, _text.ToString()));
        }
    }

    private void CloseReasoning()
    {
        if (_reasoningOpen)
        {
            _reasoningOpen = false;
            sink.OnLiveStream(create(LiveStreamKind.CompleteStreamingReasoning, _reasoning.ToString()));
        }
    }
}
