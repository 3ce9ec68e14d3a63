using Anthropic.Vertex;
using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// Vertex AI credentials resolved on the first request, not when the client is built: the SDK's
/// <see cref="AnthropicVertexCredentials"/> looks up Google Application Default Credentials in its constructor and
/// throws when there are none, which would break <c>perstack</c> commands that never call the model.
/// </summary>
internal sealed class LazyVertexCredentials(string region, string project, Func<string, string, IAnthropicVertexCredentials> create)
    : IAnthropicVertexCredentials
{
    private readonly Lazy<Task<IAnthropicVertexCredentials>> _inner = new(
        () => Task.Run(() => create(region, project)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public string Region => region;

    public string Project => project;

    public async ValueTask ApplyAsync(HttpRequestMessage requestMessage)
    {
        IAnthropicVertexCredentials inner;
        try
        {
            inner = await _inner.Value.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AggregateException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new LlmCallFailedException(
                "LoadAPIKeyError",
                $"Google Vertex credentials could not be loaded: {(ex is AggregateException { InnerException: { } cause } ? cause.Message : ex.Message)}",
                statusCode: null,
                isRetryable: false,
                attempts: 1,
                ex);
        }

        await inner.ApplyAsync(requestMessage).ConfigureAwait(false);
    }
}
