using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>An event known from its file name alone (<c>event-&lt;ts&gt;-&lt;step&gt;-&lt;type&gt;.json</c>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="RunId">The run.</param>
/// <param name="Timestamp">Emit time, epoch ms.</param>
/// <param name="StepNumber">Step number.</param>
/// <param name="Type">Event type.</param>
public sealed record EventSummary(JobId JobId, RunId RunId, long Timestamp, long StepNumber, string Type)
{
    /// <summary>The reference's synthetic id, <c>{timestamp}-{step}-{type}</c>.</summary>
    public string Key => $"{Timestamp}-{StepNumber}-{Type}";
}
