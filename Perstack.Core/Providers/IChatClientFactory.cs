using Microsoft.Extensions.AI;

namespace Perstack.Core.Providers;

/// <summary>Builds the chat client pipeline (provider SDK + timeout + retries) for a run.</summary>
public interface IChatClientFactory
{
    /// <summary>
    /// Creates the client. Fails fast with a <see cref="Domain.PerstackException"/> such as
    /// <c>ANTHROPIC_API_KEY is not set</c> when a required setting is missing. The returned client throws
    /// <see cref="LlmCallFailedException"/> when a call fails for good, and <see cref="OperationCanceledException"/>
    /// only when the caller's token is cancelled.
    /// </summary>
    IChatClient Create(ProviderRequest request);
}
