using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.EventDetail;

/// <summary>One event's whole payload as coloured, indented JSON (the reference showed only its metadata).</summary>
internal sealed class EventDetailController(IWorkbenchShell shell) : BrowserController(shell, KeyMap.EventDetail)
{
    private Job? _job;
    private CheckpointSummary? _checkpoint;
    private EventSummary? _event;

    public override Screen Screen => Screen.EventDetail;

    /// <summary>Reads the event off the UI thread and shows it.</summary>
    public void Load(Job job, CheckpointSummary checkpoint, EventSummary summary)
    {
        _job = job;
        _checkpoint = checkpoint;
        _event = summary;
        int version = BeginLoad();
        List.Source = new JsonSource(["loading…"]);
        var store = Shell.Services.Events;
        Shell.Work.Run(
            async () =>
            {
                var runEvent = await store.GetAsync(summary).ConfigureAwait(false);
                return runEvent is null ? ["The event file is gone."] : PrettyLines(runEvent);
            },
            lines => Show(version, lines),
            e => Show(version, [$"Cannot read the event: {e.Message}"]));
    }

    private void Show(int version, IReadOnlyList<string> lines)
    {
        if (!IsLatest(version))
        {
            return;
        }

        EndLoad();
        List.Source = new JsonSource(lines);
        List.SelectedItem = 0;
        Refill(resetSelection: false);
    }

    /// <summary>The event as indented JSON lines.</summary>
    public static IReadOnlyList<string> PrettyLines(RunEvent runEvent)
    {
        var info = (JsonTypeInfo<RunEvent>)PerstackJson.Indented.GetTypeInfo(typeof(RunEvent));
        return JsonSerializer.Serialize(runEvent, info).ReplaceLineEndings("\n").Split('\n');
    }

    public override void Refill(bool resetSelection)
    {
        View.ShowHeading(_event is null ? "Event Detail" : $"Event Detail: [{_event.Type}] Step {_event.StepNumber} ({_event.Key})");
        UpdateInfo();
        View.SetNeedsDraw();
    }

    protected override void Reload()
    {
        if (_job is not null && _checkpoint is not null && _event is not null)
        {
            Load(_job, _checkpoint, _event);
        }
    }

    protected override string Describe() => "";

    protected override bool PerformOwn(TuiAction action)
    {
        if (action == TuiAction.Back && _job is not null && _checkpoint is not null)
        {
            Shell.ShowEvents(_job, _checkpoint, _event);
        }

        return true;
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() => _checkpoint is { } c ? ResumeCommand.Targets(c, Shell.Services.ResumeFlags) : [];
}
