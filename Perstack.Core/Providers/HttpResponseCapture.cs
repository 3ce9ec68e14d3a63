namespace Perstack.Core.Providers;

/// <summary>
/// Remembers the last HTTP response seen during one attempt of an LLM call, whichever SDK made it, so the retry
/// decorator can classify a failure by status code and honour <c>Retry-After</c> even when the SDK's exception does
/// not carry them. <see cref="Begin"/> opens a capture for the current async flow;
/// <see cref="HttpResponseCaptureHandler"/> fills it.
/// </summary>
/// <threadsafety>One capture belongs to one attempt; <see cref="Last"/> is read after the attempt ends.</threadsafety>
public sealed class HttpResponseCapture : IDisposable
{
    private static readonly AsyncLocal<HttpResponseCapture?> CurrentCapture = new();

    private readonly HttpResponseCapture? _previous;
    private volatile HttpResponseSnapshot? _last;

    private HttpResponseCapture(HttpResponseCapture? previous) => _previous = previous;

    /// <summary>The capture open in the current async flow, if any.</summary>
    public static HttpResponseCapture? Current => CurrentCapture.Value;

    /// <summary>The last response recorded since <see cref="Begin"/>, or null when none arrived.</summary>
    public HttpResponseSnapshot? Last => _last;

    /// <summary>Opens a capture for the current async flow and the calls it makes.</summary>
    /// <returns>The capture; dispose it to restore the previous one.</returns>
    public static HttpResponseCapture Begin()
    {
        var capture = new HttpResponseCapture(CurrentCapture.Value);
        CurrentCapture.Value = capture;
        return capture;
    }

    /// <summary>Records a response (the last one wins).</summary>
    /// <param name="snapshot">The response.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public void Record(HttpResponseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _last = snapshot;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ReferenceEquals(CurrentCapture.Value, this))
        {
            CurrentCapture.Value = _previous;
        }
    }
}
