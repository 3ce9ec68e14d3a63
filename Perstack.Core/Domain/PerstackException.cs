namespace Perstack.Core.Domain;

/// <summary>
/// An error a user can cause or fix. Its message is printed as it is, on one line, with no stack trace.
/// </summary>
public class PerstackException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PerstackException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PerstackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PerstackException()
    {
    }
}
