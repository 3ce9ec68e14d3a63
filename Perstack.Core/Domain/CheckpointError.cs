namespace Perstack.Core.Domain;

/// <summary>The error recorded on a <see cref="CheckpointStatus.StoppedByError"/> checkpoint.</summary>
public sealed record CheckpointError
{
    /// <summary>Error kind (e.g. <c>APICallError</c>, <c>Cancelled</c>).</summary>
    public required string Name { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Message { get; init; }

    /// <summary>HTTP status code, for provider errors.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether retrying could succeed.</summary>
    public bool IsRetryable { get; init; }
}
