using Perstack.Core.Domain;

namespace Perstack.Core.Runtime;

/// <summary>
/// A delegation that must not run: too deep, or a cycle that cannot make progress. The delegating pass stops with
/// <c>stoppedByError</c> under <see cref="ErrorName"/>, and the whole job stops with it (it stays continuable).
/// </summary>
public sealed class DelegationStoppedException : PerstackException
{
    /// <summary>The error name of a delegation deeper than <c>maxDelegationDepth</c>.</summary>
    public const string DepthExceeded = "DelegationDepthExceeded";

    /// <summary>The error name of a delegation cycle that cannot make progress.</summary>
    public const string Cycle = "DelegationCycle";

    /// <summary>Creates the exception.</summary>
    public DelegationStoppedException(string errorName, string message)
        : base(message) => ErrorName = errorName;

    /// <summary>Creates the exception.</summary>
    public DelegationStoppedException()
    {
        ErrorName = DepthExceeded;
    }

    /// <summary>Creates the exception.</summary>
    public DelegationStoppedException(string message)
        : base(message) => ErrorName = DepthExceeded;

    /// <summary>Creates the exception.</summary>
    public DelegationStoppedException(string message, Exception innerException)
        : base(message, innerException) => ErrorName = DepthExceeded;

    /// <summary><see cref="DepthExceeded"/> or <see cref="Cycle"/>: the stored error's name.</summary>
    public string ErrorName { get; }

    /// <summary>Whether a stopped checkpoint ends the whole job (its delegation was refused), not just its pass.</summary>
    public static bool StopsTheJob(CheckpointError? error) => error?.Name is DepthExceeded or Cycle;
}
