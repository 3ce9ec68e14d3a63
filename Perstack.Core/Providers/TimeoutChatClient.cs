using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>
/// Gives every call to the inner client a time limit. When it elapses the call is cancelled and
/// <see cref="LlmTimeoutException"/> is thrown; when the caller's token is cancelled the
/// <see cref="OperationCanceledException"/> propagates as it is. A streaming call's limit covers the whole stream.
/// </summary>
public sealed class TimeoutChatClient : DelegatingChatClient
{
    /// <summary>The longest timer a <see cref="CancellationTokenSource"/> accepts; longer limits count as infinite.</summary>
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timer;

    /// <summary>Creates the decorator.</summary>
    /// <param name="innerClient">The client to limit.</param>
    /// <param name="timeout">Limit per call: positive, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="timeProvider">Clock of the timer; the system clock when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (and not infinite).</exception>
    public TimeoutChatClient(IChatClient innerClient, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        }

        Timeout = timeout;
        _timer = timeout > MaxTimer ? System.Threading.Timeout.InfiniteTimeSpan : timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The limit per call.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_timer, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await base.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LlmTimeoutException(Timeout, ex);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_timer, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var updates = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new LlmTimeoutException(Timeout, ex);
                }

                yield return update;
            }
        }
    }
}
