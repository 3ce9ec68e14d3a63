using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Providers;

/// <summary>An inner chat client that plays queued steps: replies, failures (with the HTTP response a handler would capture), hangs.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private readonly Queue<Func<CancellationToken, Task<ChatResponse>>> _steps = new();
    private readonly Queue<Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>> _streams = new();
    private int _calls;

    /// <summary>Calls made so far (both kinds).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static ChatResponse Reply(string text = "ok") => new(new ChatMessage(ChatRole.Assistant, text));

    public FakeChatClient ThenReply(string text = "ok")
    {
        _steps.Enqueue(_ => Task.FromResult(Reply(text)));
        return this;
    }

    public FakeChatClient ThenThrow(Exception exception, HttpResponseSnapshot? response = null)
    {
        _steps.Enqueue(_ =>
        {
            if (response is not null)
            {
                HttpResponseCapture.Current?.Record(response);
            }

            return Task.FromException<ChatResponse>(exception);
        });
        return this;
    }

    public FakeChatClient ThenHang()
    {
        _steps.Enqueue(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Reply();
        });
        return this;
    }

    public FakeChatClient ThenStream(Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> stream)
    {
        _streams.Enqueue(stream);
        return this;
    }

    public FakeChatClient ThenStreamFailure(Exception exception, HttpResponseSnapshot? response = null) => ThenStream(_ => Fail(exception, response));

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates(IEnumerable<string> texts, TimeSpan pause, Exception? failAtEnd, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var text in texts)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        }

        if (failAtEnd is not null)
        {
            throw failAtEnd;
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return _steps.TryDequeue(out var step) ? step(cancellationToken) : Task.FromResult(Reply());
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return _streams.TryDequeue(out var stream) ? stream(cancellationToken) : Updates(["ok"], TimeSpan.Zero, null, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Fail(Exception exception, HttpResponseSnapshot? response)
    {
        await Task.Yield();
        if (response is not null)
        {
            HttpResponseCapture.Current?.Record(response);
        }

        throw exception;
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}
