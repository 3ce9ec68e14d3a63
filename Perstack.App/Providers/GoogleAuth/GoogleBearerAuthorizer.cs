using Perstack.Core.Providers;

namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// Puts a Google access token on Vertex AI requests. The credentials are looked up on the first request, not when the
/// client is built (commands that never call the model must not fail for want of them); the token is kept until
/// shortly before it expires, and dropped when the API answers 401 so the next attempt fetches a new one
/// (<see cref="Forget"/>). A token request that fails stops the call with one line.
/// </summary>
internal sealed class GoogleBearerAuthorizer(Func<IGoogleAccessTokenSource> find, TimeProvider time)
{
    // The authorize hook has no cancellation token of its own; a token request never waits longer than this.
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private IGoogleAccessTokenSource? _source;
    private GoogleAccessToken? _token;

    // The one token request in flight, shared by concurrent calls (delegates running in parallel).
    private Task<GoogleAccessToken>? _fetch;

    /// <summary>Sets <c>Authorization: Bearer …</c> on <paramref name="request"/>.</summary>
    /// <exception cref="LlmCallFailedException">No token could be had.</exception>
    public async ValueTask ApplyAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await TokenAsync().ConfigureAwait(false);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token.Value}");
    }

    /// <summary>Drops the kept token after the API refused it; true when there was one to drop (worth one more try).</summary>
    public bool Forget()
    {
        lock (_lock)
        {
            var had = _token is not null;
            _token = null;
            return had;
        }
    }

    private async Task<GoogleAccessToken> TokenAsync()
    {
        Task<GoogleAccessToken> fetch;
        lock (_lock)
        {
            if (_token is { } kept && time.GetUtcNow() < kept.RenewAt)
            {
                return kept;
            }

            fetch = _fetch ??= FetchAsync();
        }

        try
        {
            return await fetch.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                if (_fetch == fetch)
                {
                    _fetch = null;
                }
            }
        }
    }

    private async Task<GoogleAccessToken> FetchAsync()
    {
        // Off the caller's lock: the first lookup reads a file and may sign a JWT.
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout);
            var source = _source ??= find();
            var token = await source.FetchAsync(timeout.Token).ConfigureAwait(false);
            lock (_lock)
            {
                _token = token;
            }

            return token;
        }
        catch (GoogleCredentialsException ex)
        {
            throw Failure(ex.Message, ex.IsTransient, ex);
        }
        catch (OperationCanceledException ex)
        {
            throw Failure($"the token request took longer than {FetchTimeout.TotalSeconds:0} s", isRetryable: true, ex);
        }
    }

    private static LlmCallFailedException Failure(string reason, bool isRetryable, Exception cause) =>
        new("LoadAPIKeyError", $"Google Vertex credentials could not be loaded: {reason}", statusCode: null, isRetryable, attempts: 1, cause);
}
