using System.Globalization;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Presentation;

/// <summary>The row formats shared by the CLI and the TUI.</summary>
internal static class HistoryRows
{
    /// <summary><c>{expertKey} - {totalSteps} steps ({jobId}) ({startedAt})</c>.</summary>
    public static string Job(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"{JobHead(job)} ({TimeFormat.Local(job.StartedAt)})";
    }

    /// <summary><c>{expertKey} - {totalSteps} steps ({jobId})</c>: the part of the row that is never cut.</summary>
    public static string JobHead(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return string.Create(CultureInfo.InvariantCulture, $"{job.CoordinatorExpertKey} - {job.TotalSteps} steps ({job.Id})");
    }

    /// <summary><c>Step {stepNumber} ({checkpointId})</c>.</summary>
    public static string Checkpoint(CheckpointSummary checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return string.Create(CultureInfo.InvariantCulture, $"Step {checkpoint.StepNumber} ({checkpoint.Id})");
    }

    /// <summary>A usage summary such as <c>1300 tokens (in 1200, out 100)</c>.</summary>
    public static string Tokens(Usage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return string.Create(CultureInfo.InvariantCulture, $"{usage.TotalTokens} tokens (in {usage.InputTokens}, out {usage.OutputTokens})");
    }
}
