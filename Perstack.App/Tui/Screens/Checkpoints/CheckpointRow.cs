using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Checkpoints;

/// <summary>A checkpoint row placed in its fork tree.</summary>
internal sealed record CheckpointRow(CheckpointSummary Checkpoint, int Depth, bool BranchStart) : IFilterableRow
{
    /// <summary>The exact checkpoint row, indented by fork depth.</summary>
    public string Text => $"{new string(' ', Depth * 2)}{(BranchStart ? "└ " : "")}{HistoryRows.Checkpoint(Checkpoint)}";

    /// <summary>Status and expert.</summary>
    public string Suffix => $"{JobStatusText.Of(Checkpoint.Status)}  {Checkpoint.Expert.Key}  {Checkpoint.Usage.TotalTokens} tokens";

    public bool Matches(string filter) =>
        Checkpoint.Id.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Checkpoint.Expert.Key.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || JobStatusText.Of(Checkpoint.Status).Contains(filter, StringComparison.OrdinalIgnoreCase)
        || HistoryRows.Checkpoint(Checkpoint).Contains(filter, StringComparison.OrdinalIgnoreCase);
}
