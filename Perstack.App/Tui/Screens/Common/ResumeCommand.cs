using Perstack.Core.Storage;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.Common;

/// <summary>The <c>perstack run</c> command line that continues a job, as the copy menu offers it.</summary>
internal static class ResumeCommand
{
    /// <summary><c>perstack run &lt;expert&gt; "&lt;query&gt;" --continue-job &lt;jobId&gt; [--resume-from &lt;checkpointId&gt;]</c>.</summary>
    public static string Of(string expertKey, JobId jobId, CheckpointId? checkpointId) =>
        $"perstack run {ShellWord(expertKey)} \"<query>\" --continue-job {jobId}{(checkpointId is { } id ? $" --resume-from {id}" : "")}";

    /// <summary>The copy targets of a checkpoint: its job id, its id, the command resuming from it.</summary>
    public static IReadOnlyList<Controls.CopyTarget> Targets(CheckpointSummary checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return
        [
            new("job id", checkpoint.JobId.ToString()),
            new("checkpoint id", checkpoint.Id.ToString()),
            new("command", Of(checkpoint.Expert.Key, checkpoint.JobId, checkpoint.Id)),
        ];
    }

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '@' or ':')
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
