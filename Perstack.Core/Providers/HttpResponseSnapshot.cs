namespace Perstack.Core.Providers;

/// <summary>The parts of an HTTP response that decide how a failed LLM call is reported and retried.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="ReasonPhrase">Reason phrase of the status line, if any.</param>
/// <param name="RetryAfter">Delay asked for by <c>retry-after-ms</c> or <c>Retry-After</c>, if present.</param>
/// <param name="ApiMessage">For error statuses, <c>error.message</c> of a JSON error body, on one line.</param>
public sealed record HttpResponseSnapshot(int StatusCode, string? ReasonPhrase, TimeSpan? RetryAfter, string? ApiMessage);
