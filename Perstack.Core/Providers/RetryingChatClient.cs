using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Perstack.Core.Providers;

/// <summary>
/// Retries transient failures of the inner client (HTTP 408/409/429/5xx, timeouts, connection failures) with
/// exponential backoff and jitter, honouring <c>Retry-After</c>, at most <see cref="LlmRetryOptions.MaxRetries"/>
/// times. A call that fails for good throws <see cref="LlmCallFailedException"/>: at once when the failure is not
/// retryable, or with <c>Max retries (N) exceeded: …</c> when the retries run out. Cancellation by the caller
/// propagates as <see cref="OperationCanceledException"/> and is never retried. A streaming call is retried only
/// until its first update arrives.
/// </summary>
/// <remarks>
/// Failures are classified by <see cref="LlmFailureClassifier"/> using the exception and the HTTP response that
/// <see cref="HttpResponseCaptureHandler"/> recorded during the attempt, so any SDK works as long as its
/// <see cref="HttpClient"/> goes through that handler.
/// </remarks>
public sealed class RetryingChatClient : DelegatingChatClient
{
    /// <summary>The retry observer of the call a pipeline context runs.</summary>
    private static readonly ResiliencePropertyKey<IChatRetryObserver> RetryObserver = new("perstack.retryObserver");

    private readonly LlmRetryOptions _options;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates the decorator.</summary>
    /// <param name="innerClient">The client to retry.</param>
    /// <param name="options">Settings; defaults when null. They are read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is null.</exception>
    public RetryingChatClient(IChatClient innerClient, LlmRetryOptions? options = null)
        : base(innerClient)
    {
        _options = options ?? new LlmRetryOptions();
        _pipeline = BuildPipeline(_options);
    }

    /// <summary>The settings in use.</summary>
    public LlmRetryOptions Options => _options;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        var context = Begin(options, cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    using var capture = HttpResponseCapture.Begin();
                    try
                    {
                        return await InnerClient.GetResponseAsync(history, options, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!IsCallerCancellation(cancellationToken))
                    {
                        throw Fail(ex, capture.Last, attempts);
                    }
                },
                context).ConfigureAwait(false);
        }
        catch (RetryableAttemptException ex)
        {
            throw Exhausted(ex, attempts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsCallerCancellation(cancellationToken))
        {
            throw Cancelled(ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A pipeline context for one call, carrying the call's retry observer (if its options have one).</summary>
    private static ResilienceContext Begin(ChatOptions? options, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (options?.AdditionalProperties?.TryGetValue(LiveStreamingChatClient.ObserverKey, out var value) == true && value is IChatRetryObserver observer)
        {
            context.Properties.Set(RetryObserver, observer);
        }

        return context;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        IAsyncEnumerator<ChatResponseUpdate> updates;
        bool hasFirst;
        var context = Begin(options, cancellationToken);
        try
        {
            (updates, hasFirst) = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    using var capture = HttpResponseCapture.Begin();
                    var token = ctx.CancellationToken;
                    var enumerator = InnerClient.GetStreamingResponseAsync(history, options, token).GetAsyncEnumerator(token);
                    try
                    {
                        var any = await enumerator.MoveNextAsync().ConfigureAwait(false);
                        return (enumerator, any);
                    }
                    catch (Exception ex) when (!IsCallerCancellation(cancellationToken))
                    {
                        await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                        throw Fail(ex, capture.Last, attempts);
                    }
                    catch
                    {
                        await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                        throw;
                    }
                },
                context).ConfigureAwait(false);
        }
        catch (RetryableAttemptException ex)
        {
            throw Exhausted(ex, attempts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsCallerCancellation(cancellationToken))
        {
            throw Cancelled(ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        await using (updates.ConfigureAwait(false))
        {
            if (!hasFirst)
            {
                yield break;
            }

            yield return updates.Current;
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
                catch (Exception ex) when (ex is not OperationCanceledException && IsCallerCancellation(cancellationToken))
                {
                    throw Cancelled(ex, cancellationToken);
                }
                catch (Exception ex) when (!IsCallerCancellation(cancellationToken))
                {
                    // Updates were already handed out: the stream cannot be replayed, so it fails for good.
                    var failure = LlmFailureClassifier.Classify(ex, null, _options.Classifier);
                    throw Failed(failure.Name, failure.Message, failure, attempts, ex);
                }

                yield return update;
            }
        }
    }

    private static bool IsCallerCancellation(CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested;

    private static OperationCanceledException Cancelled(Exception cause, CancellationToken cancellationToken) =>
        cause as OperationCanceledException ?? new OperationCanceledException("The LLM call was cancelled.", cause, cancellationToken);

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator)
    {
        try
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The attempt already failed; its cleanup must not hide why.
        }
    }

    private static ResiliencePipeline BuildPipeline(LlmRetryOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RetryableAttemptException),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Exception is RetryableAttemptException { Failure.RetryAfter: { } wait }
                    ? (TimeSpan?)(wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait)
                    : null),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is RetryableAttemptException attempt)
                {
                    options.OnRetry?.Invoke(attempt.Failure, args.AttemptNumber + 1, args.RetryDelay);
                    if (args.Context.Properties.TryGetValue(RetryObserver, out var observer))
                    {
                        observer.Retrying(attempt.Failure, args.AttemptNumber + 1, options.MaxRetries + 1, args.RetryDelay);
                    }
                }

                return ValueTask.CompletedTask;
            },
        };
        if (options.Randomizer is { } randomizer)
        {
            retry.Randomizer = randomizer;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddRetry(retry).Build();
    }

    /// <summary>Turns an attempt's exception into what the pipeline sees: retryable or final.</summary>
    private Exception Fail(Exception exception, HttpResponseSnapshot? response, int attempts)
    {
        var failure = LlmFailureClassifier.Classify(exception, response, _options.Classifier);
        return failure.IsRetryable && _options.MaxRetries > 0
            ? new RetryableAttemptException(failure, exception)
            : Failed(failure.Name, failure.Message, failure, attempts, exception);
    }

    private LlmCallFailedException Exhausted(RetryableAttemptException exception, int attempts)
    {
        var failure = exception.Failure;
        return Failed(failure.Name, $"Max retries ({_options.MaxRetries}) exceeded: {failure.Message}", failure, attempts, exception.InnerException);
    }

    private LlmCallFailedException Failed(string name, string message, LlmFailure failure, int attempts, Exception? cause)
    {
        var safeMessage = Redact(message);
        var safeCause = cause is not null && ContainsSecret(cause.ToString()) ? null : cause;
        return new LlmCallFailedException(name, safeMessage, failure.StatusCode, failure.IsRetryable, attempts, safeCause);
    }

    private bool ContainsSecret(string text) =>
        _options.Secrets.Any(secret => !string.IsNullOrEmpty(secret) && text.Contains(secret, StringComparison.Ordinal));

    private string Redact(string text)
    {
        foreach (var secret in _options.Secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
