using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Events;

/// <summary>The events of one checkpoint's step. Enter shows an event's payload.</summary>
internal sealed class EventsController(IWorkbenchShell shell) : ListController<EventRow>(shell, KeyMap.Events)
{
    private Job? _job;
    private CheckpointSummary? _checkpoint;

    public override Screen Screen => Screen.Events;

    protected override string Caption => $"Events of Step {_checkpoint?.StepNumber} ({_checkpoint?.Id})";

    protected override string Noun => "event";

    protected override RowSource<EventRow> SourceOf(IReadOnlyList<EventRow> rows) => new(rows, r => r.Text, r => r.Asks);

    /// <summary>Lists the events of the checkpoint's run at its step, off the UI thread.</summary>
    public void Load(Job job, CheckpointSummary checkpoint, EventSummary? select = null)
    {
        _job = job;
        _checkpoint = checkpoint;
        int version = BeginLoad();
        SetRows([], resetSelection: true);
        var store = Shell.Services.Events;
        Shell.Work.Run(
            async () =>
            {
                var listing = await store.ListAsync(checkpoint.JobId, checkpoint.RunId).ConfigureAwait(false);
                var rows = new List<EventRow>();
                foreach (var summary in listing.Items.Where(e => e.StepNumber == checkpoint.StepNumber))
                {
                    rows.Add(new EventRow(summary, await AsksAsync(store, summary).ConfigureAwait(false)));
                }

                return rows;
            },
            rows =>
            {
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                SetRows(rows, resetSelection: true);
                if (select is not null)
                {
                    Select(r => r.Event == select);
                }
            },
            e => Fail(version, e));
    }

    /// <summary>The question an interactive tool call puts to the user, read from the event (only those events are read).</summary>
    private static async Task<string?> AsksAsync(IEventStore store, EventSummary summary)
    {
        if (summary.Type != "callInteractiveTool")
        {
            return null;
        }

        try
        {
            return await store.GetAsync(summary).ConfigureAwait(false) is CallInteractiveToolEvent e
                ? InteractiveQuestion.Describe(e.ToolCall.ToolName, e.ToolCall.Args)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or PerstackException)
        {
            // The row still lists the event; Enter shows why it cannot be read.
            return null;
        }
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
            case TuiAction.Transcript when _job is not null && _checkpoint is not null:
                Shell.ShowTranscript(_job, _checkpoint, Screen.Events);
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
