using System.Text;
using Perstack.App.Presentation;
using Perstack.App.Tui.Screens.Common;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Checkpoints;

/// <summary>The messages pane of the Checkpoints screen: the conversation as the selected checkpoint holds it.</summary>
internal sealed record CheckpointMessages(IReadOnlyList<string> Lines, int Total, string? Error)
{
    /// <summary>Reads the checkpoint and keeps its last <paramref name="count"/> messages as lines.</summary>
    public static async Task<CheckpointMessages> LoadAsync(ICheckpointStore store, CheckpointSummary summary, int count)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(summary);
        try
        {
            var checkpoint = await store.GetAsync(summary.JobId, summary.Id).ConfigureAwait(false);
            return checkpoint is null
                ? new([], 0, "the checkpoint file is gone")
                : new(MessageLines.Last(checkpoint.Messages, checkpoint.Expert.Key, count), checkpoint.Messages.Count, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptFileException or InvalidIdException)
        {
            return new([], 0, e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>The pane's text: the checkpoint named whole, then its messages (or why they cannot be shown).</summary>
    public static string Format(CheckpointSummary c, CheckpointMessages? messages)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = new StringBuilder();
        text.Append(HistoryRows.Checkpoint(c)).Append("  ").Append(JobStatusText.Of(c.Status)).Append('\n');
        text.Append(c.Expert.Key).Append(" · ").Append(HistoryRows.Tokens(c.Usage)).Append('\n');
        if (c.Error is { } error)
        {
            text.Append(error.Name).Append(": ").Append(error.Message).Append('\n');
        }

        text.Append('\n');
        if (messages is null)
        {
            return text.Append("reading…").ToString();
        }

        if (messages.Error is { } problem)
        {
            return text.Append("Cannot read the messages: ").Append(problem).ToString();
        }

        if (messages.Lines.Count == 0)
        {
            return text.Append("(no messages)").ToString();
        }

        foreach (var line in messages.Lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
