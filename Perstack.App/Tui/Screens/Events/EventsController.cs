using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Events;

/// <summary>The events of one checkpoint's step. Enter shows an event's payload.</summary>
internal sealed class EventsController(IWorkbenchShell shell) : ListController<EventRow>(shell, KeyMap.Events)
{
    private Job? _job;
    private CheckpointSummary? _checkpoint;

    public override Screen Screen => Screen.Events;

    protected override string Caption => $"Events of Step {_checkpoint?.StepNumber} ({_checkpoint?.Id})";

    protected override string Noun => "events";

    protected override RowSource<EventRow> SourceOf(IReadOnlyList<EventRow> rows) => new(rows, r => r.Text);

    /// <summary>Lists the events of the checkpoint's run at its step, off the UI thread.</summary>
    public void Load(Job job, CheckpointSummary checkpoint, EventSummary? select = null)
    {
        _job = job;
        _checkpoint = checkpoint;
        int version = BeginLoad();
        SetRows([], resetSelection: true);
        var store = Shell.Services.Events;
        Shell.Work.Run(
            async () => await store.ListAsync(checkpoint.JobId, checkpoint.RunId).ConfigureAwait(false),
            listing =>
            {
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                SetRows(listing.Items.Where(e => e.StepNumber == checkpoint.StepNumber).Select(e => new EventRow(e)).ToList(), resetSelection: true);
                if (select is not null)
                {
                    Select(r => r.Event == select);
                }
            },
            e => Fail(version, e));
    }

    protected override void Reload()
    {
        if (_job is not null && _checkpoint is not null)
        {
            Load(_job, _checkpoint);
        }
    }

    protected override string Describe() => Shown.Count == 0 && !Loading ? "No events found" : "";

    protected override bool PerformRow(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when Selected is { } row && _job is not null && _checkpoint is not null:
                Shell.ShowEventDetail(_job, _checkpoint, row.Event);
                return true;
            case TuiAction.Back when _job is not null:
                Shell.ShowCheckpoints(_job, _checkpoint?.Id);
                return true;
            default:
                return true;
        }
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() => _checkpoint is { } c ? ResumeCommand.Targets(c, Shell.Services.ResumeFlags) : [];
}
