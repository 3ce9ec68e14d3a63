using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Screens.Transcript;

/// <summary>The conversation up to a checkpoint as text in a pager (t on the checkpoints and events screens).</summary>
internal sealed class TranscriptController(IWorkbenchShell shell) : PagerController(shell, KeyMap.Transcript)
{
    private Job? _job;
    private CheckpointSummary? _checkpoint;
    private Screen _returnTo = Screen.Checkpoints;

    public override Screen Screen => Screen.Transcript;

    protected override string Caption => _checkpoint is { } c ? $"Transcript of Step {c.StepNumber} ({c.Id})" : "Transcript";

    /// <summary>Reads the checkpoint off the UI thread and shows its conversation.</summary>
    public void Load(Job job, CheckpointSummary checkpoint, Screen returnTo)
    {
        _job = job;
        _checkpoint = checkpoint;
        _returnTo = returnTo;
        int version = BeginLoad();
        ShowText([]);
        var store = Shell.Services.Checkpoints;
        Shell.Work.Run(
            async () => await store.GetAsync(checkpoint.JobId, checkpoint.Id).ConfigureAwait(false) is { } full
                ? TranscriptLines.Of(full)
                : ["The checkpoint file is gone."],
            lines => Show(version, lines),
            e => Show(version, [$"Cannot read the checkpoint: {e.Message.ReplaceLineEndings(" ")}"]));
    }

    private void Show(int version, IReadOnlyList<string> lines)
    {
        if (IsLatest(version))
        {
            EndLoad();
            ShowText(lines);
        }
    }

    protected override Color[] ColorsOf(string line) => TranscriptLines.ColorsOf(line);

    protected override void Reload()
    {
        if (_job is not null && _checkpoint is not null)
        {
            Load(_job, _checkpoint, _returnTo);
        }
    }

    protected override bool PerformPage(TuiAction action)
    {
        if (action == TuiAction.Back && _job is not null && _checkpoint is not null)
        {
            if (_returnTo == Screen.Events)
            {
                Shell.ShowEvents(_job, _checkpoint);
            }
            else
            {
                Shell.ShowCheckpoints(_job, _checkpoint.Id);
            }
        }

        return true;
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() =>
        _checkpoint is { } c && Page.Lines.Count > 0 ? [WholeText("transcript"), .. ResumeCommand.Targets(c, Shell.Services.ResumeFlags)] : [];
}
