using System.Text;
using Perstack.Core.Providers;
using Perstack.Core.Secrets;

namespace Perstack.Core.Runtime;

/// <summary>
/// Turns what a streamed model call produces into <see cref="LiveStreamEvent"/>s for a live sink: reasoning in any
/// call, answer text only when generating the run result (as the reference streams at HEAD). Each stream is redacted
/// as it goes (<see cref="StreamRedaction"/>): a secret split across deltas is never shown, the end of a stream is
/// held back while it could still be the start of one. A failed attempt about to be retried is passed on as a
/// <see cref="LiveStreamKind.Retry"/> event.
/// </summary>
internal sealed class LiveStreamRelay(ILiveStreamSink sink, Func<LiveStreamKind, string, LiveStreamEvent> create, bool runResult, SecretRedactor secrets)
    : IChatStreamObserver, IChatRetryObserver
{
    private readonly StringBuilder _reasoning = new();
    private readonly StringBuilder _text = new();
    private readonly StreamRedaction _reasoningShown = secrets.StartStream();
    private readonly StreamRedaction _textShown = secrets.StartStream();
    private bool _reasoningOpen;
    private bool _textOpen;

    public void Started()
    {
        // A retried attempt starts over; the sink sees a new start.
        _reasoning.Clear();
        _text.Clear();
        _reasoningShown.Reset();
        _textShown.Reset();
        _reasoningOpen = false;
        _textOpen = false;
    }

    public void Retrying(LlmFailure failure, int attempt, int maxAttempts, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var retry = new ModelRetry(failure.Name, failure.StatusCode, attempt, maxAttempts, delay);
        sink.OnLiveStream(create(LiveStreamKind.Retry, secrets.Redact(failure.Message)) with { Retry = retry });
    }

    public void Reasoning(string delta)
    {
        if (!_reasoningOpen)
        {
            _reasoningOpen = true;
            sink.OnLiveStream(create(LiveStreamKind.StartStreamingReasoning, ""));
        }

        _reasoning.Append(delta);
        Show(LiveStreamKind.StreamReasoning, _reasoningShown.Push(delta));
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
        Show(LiveStreamKind.StreamRunResult, _textShown.Push(delta));
    }

    /// <summary>The call returned: completes what is open, with the whole text.</summary>
    public void Complete()
    {
        CloseReasoning();
        if (_textOpen)
        {
            _textOpen = false;
            Show(LiveStreamKind.StreamRunResult, _textShown.Flush());
            sink.OnLiveStream(create(LiveStreamKind.CompleteStreamingRunResult, secrets.Redact(_text.ToString())));
        }
    }

    private void CloseReasoning()
    {
        if (_reasoningOpen)
        {
            _reasoningOpen = false;
            Show(LiveStreamKind.StreamReasoning, _reasoningShown.Flush());
            sink.OnLiveStream(create(LiveStreamKind.CompleteStreamingReasoning, secrets.Redact(_reasoning.ToString())));
        }
    }

    private void Show(LiveStreamKind kind, string text)
    {
        if (text.Length > 0)
        {
            sink.OnLiveStream(create(kind, text));
        }
    }
}
