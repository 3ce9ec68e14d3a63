namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// Google credentials that cannot give a token, with a one-line reason that never holds a key or token.
/// <see cref="IsTransient"/> is set when trying again later may help (a token endpoint that is down or overloaded).
/// </summary>
internal sealed class GoogleCredentialsException : Exception
{
    public GoogleCredentialsException()
    {
    }

    public GoogleCredentialsException(string message)
        : base(message)
    {
    }

    public GoogleCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether a later attempt may succeed.</summary>
    public bool IsTransient { get; init; }
}
