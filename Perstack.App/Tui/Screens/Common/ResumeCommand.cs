using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Common;

/// <summary>The <c>perstack run</c> command line that continues a job, as the copy menu offers it.</summary>
internal static class ResumeCommand
{
    /// <summary>
    /// <c>perstack run &lt;expert&gt; "&lt;query&gt;" --continue-job &lt;jobId&gt; [--resume-from &lt;checkpointId&gt;]</c>
    /// with the workbench's <paramref name="flags"/> (<c>--storage-path</c>, <c>--config</c>).
    /// </summary>
    public static string Of(string expertKey, JobId jobId, CheckpointId? checkpointId, ResumeFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return $"perstack run {ShellWords.Quote(expertKey)} \"<query>\" --continue-job {jobId}{(checkpointId is { } id ? $" --resume-from {id}" : "")}{flags.Render()}";
    }

    /// <summary>The copy targets of a checkpoint: its job id, its id, the command resuming from it.</summary>
    public static IReadOnlyList<Controls.CopyTarget> Targets(CheckpointSummary checkpoint, ResumeFlags flags)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return
        [
            new("job id", checkpoint.JobId.ToString()),
            new("checkpoint id", checkpoint.Id.ToString()),
            new("command", Of(checkpoint.Expert.Key, checkpoint.JobId, checkpoint.Id, flags)),
        ];
    }
}
