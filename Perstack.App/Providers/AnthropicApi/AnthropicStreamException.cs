namespace Perstack.App.Providers.AnthropicApi;

/// <summary>An <c>error</c> event in the middle of a streamed message (e.g. <c>overloaded_error</c>).</summary>
public sealed class AnthropicStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AnthropicStreamException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    public AnthropicStreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public AnthropicStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error event.</summary>
    /// <param name="errorType">The event's <c>error.type</c>, e.g. <c>overloaded_error</c>.</param>
    /// <param name="errorMessage">The event's <c>error.message</c>.</param>
    public AnthropicStreamException(string? errorType, string? errorMessage)
        : base(errorMessage ?? errorType ?? "error event")
    {
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    /// <summary>The error's type, e.g. <c>overloaded_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The error's message as sent.</summary>
    public string? ErrorMessage { get; }
}
