namespace Perstack.Core.Domain;

/// <summary>A user-supplied or stored id that is not safe to use; raised before any path is built.</summary>
public sealed class InvalidIdException : PerstackException
{
    /// <summary>Creates the exception.</summary>
    public InvalidIdException(string kind, string? value, string reason)
        : base($"Invalid {kind} id \"{IdFormat.Printable(value)}\": {reason}")
    {
        Kind = kind;
    }

    /// <summary>What kind of id was refused (job, run, checkpoint).</summary>
    public string Kind { get; }
}
