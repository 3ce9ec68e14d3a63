using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>
/// Streams a call when its options carry an <see cref="IChatStreamObserver"/>, yet answers it as one response. It
/// sits innermost in the pipeline, under the retry and timeout decorators, so a streamed call is retried and timed
/// out exactly like an unstreamed one: the whole stream is one attempt. Calls without an observer pass through.
/// </summary>
public sealed class LiveStreamingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of the observer (removed before the provider sees it).</summary>
    public const string ObserverKey = "perstack.liveStream";

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.AdditionalProperties?.TryGetValue(ObserverKey, out var value) != true || value is not IChatStreamObserver observer)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var inner = options.Clone();
        inner.AdditionalProperties!.Remove(ObserverKey);
        if (inner.AdditionalProperties.Count == 0)
        {
            inner.AdditionalProperties = null;
        }

        observer.Started();
        var updates = new List<ChatResponseUpdate>();
        var stream = base.GetStreamingResponseAsync(messages, inner, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            bool more;
            try
            {
                more = await stream.MoveNextAsync().ConfigureAwait(false);
            }
            catch (NotSupportedException)
            {
                // A provider client without streaming: the answer still comes, only not live.
                return await base.GetResponseAsync(messages, inner, cancellationToken).ConfigureAwait(false);
            }

            while (more)
            {
                var update = stream.Current;
                updates.Add(update);
                Relay(update, observer);
                more = await stream.MoveNextAsync().ConfigureAwait(false);
            }
        }

        return updates.ToChatResponse();
    }

    private static void Relay(ChatResponseUpdate update, IChatStreamObserver observer)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning when !string.IsNullOrEmpty(reasoning.Text):
                    observer.Reasoning(reasoning.Text);
                    break;
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    observer.Text(text.Text);
                    break;
            }
        }
    }
}
