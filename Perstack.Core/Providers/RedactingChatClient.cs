using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Perstack.Core.Secrets;

namespace Perstack.Core.Providers;

/// <summary>
/// Redacts the model's reply (text, reasoning, tool-call arguments) with the run's known secrets as it leaves the
/// provider, so a layer above that records it raw (the <c>chat</c> span's output messages, when the user opted in to
/// content capture) sees what the runtime keeps. The runtime redacts the reply the same way, so this changes nothing it
/// stores. Streamed updates are redacted one by one: a secret split across two updates is caught by the runtime only.
/// </summary>
public sealed class RedactingChatClient(IChatClient innerClient, SecretRedactor secrets) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        secrets.Redact(response);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            // The update's content list, redacted in place through a response that shares it.
            secrets.Redact(new ChatResponse(new ChatMessage(update.Role ?? ChatRole.Assistant, update.Contents)));
            yield return update;
        }
    }
}
