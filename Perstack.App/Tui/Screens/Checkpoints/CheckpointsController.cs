using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Checkpoints;

/// <summary>
/// The checkpoints of a job as a fork tree, the cursor on the one <c>--continue-job</c> resumes (the latest written),
/// and the selected checkpoint's messages beside or below. Enter resumes from one, e lists its step's events.
/// </summary>
internal sealed class CheckpointsController(IWorkbenchShell shell) : ListController<CheckpointRow>(shell, KeyMap.Checkpoints, withPreview: true)
{
    private readonly JobActions _actions = new(shell);
    private const int MessagesShown = 60;
    private readonly PreviewLoader<CheckpointId, CheckpointMessages> _messages = new(shell.Work);
    private Job? _job;

    public override Screen Screen => Screen.Checkpoints;

    protected override string Caption => $"Checkpoints of {_job?.CoordinatorExpertKey} ({_job?.Id})";

    protected override string Noun => "checkpoint";

    protected override RowSource<CheckpointRow> SourceOf(IReadOnlyList<CheckpointRow> rows) => new(rows, r => r.Text, r => r.Suffix);

    /// <summary>Lists the checkpoints of <paramref name="job"/> off the UI thread, then selects <paramref name="select"/>.</summary>
    public void Load(Job job, CheckpointId? select = null)
    {
        _job = job;
        int version = BeginLoad();
        SetRows([], resetSelection: true);
        var store = Shell.Services.Checkpoints;
        Shell.Work.Run(
            async () => await store.ListAsync(job.Id).ConfigureAwait(false),
            listing =>
            {
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                SetRows(CheckpointTree.Build(listing.Items), resetSelection: true);
                if ((select ?? CheckpointTree.Latest(listing.Items)?.Id) is { } id)
                {
                    Select(r => r.Checkpoint.Id == id);
                }

                if (listing.Problems.Count > 0)
                {
                    Shell.SetMessage($"{listing.Problems.Count} unreadable checkpoint file(s): {listing.Problems[0].Path}: {listing.Problems[0].Reason}");
                }
            },
            e => Fail(version, e));
    }

    protected override void Reload()
    {
        if (_job is not null)
        {
            Load(_job, Selected?.Checkpoint.Id);
        }
    }

    protected override string Describe()
    {
        if (Shown.Count == 0)
        {
            return Loading ? "" : "No checkpoints found";
        }

        return Selected?.Checkpoint is { } c ? Describe(c) : "";
    }

    private static string Describe(CheckpointSummary c) =>
        $"{JobStatusText.Of(c.Status)} · {c.Expert.Key} · {HistoryRows.Tokens(c.Usage)}{(c.Error is { } error ? $" · {error.Name}: {error.Message}" : "")}";

    /// <summary>The info line and the messages for another row, as a move to it shows them at once.</summary>
    protected override SelectionText? ShownFor(int item) => item >= 0 && item < Shown.Count && Shown[item].Checkpoint is { } c
        ? new SelectionText(Describe(c), CheckpointMessages.Format(c, _messages.Get(c.Id, 0)))
        : null;

    protected override bool PerformRow(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when Selected?.Checkpoint is { } c:
                Shell.OpenQuery(c.Expert.Key, new ResumePoint(c.JobId, c.Id, c.StepNumber, c.Status == CheckpointStatus.StoppedByInteractiveTool), Screen.Checkpoints);
                return true;
            case TuiAction.Events when Selected?.Checkpoint is { } c && _job is not null:
                Shell.ShowEvents(_job, c);
                return true;
            case TuiAction.Transcript when Selected?.Checkpoint is { } c && _job is not null:
                Shell.ShowTranscript(_job, c, Screen.Checkpoints);
                return true;
            case TuiAction.Fork when Selected?.Checkpoint is { } c && _job is not null:
                _actions.Fork(_job, c);
                return true;
            case TuiAction.Rename when _job is not null:
                _actions.Rename(_job, View, _ => Reload());
                return true;
            case TuiAction.Export when _job is not null:
                _actions.Export(_job, View);
                return true;
            case TuiAction.Delete when _job is not null:
                _actions.Delete(_job, () => Shell.ShowHistory());
                return true;
            case TuiAction.Back:
                Shell.ShowHistory(_job?.Id);
                return true;
            default:
                return true;
        }
    }

    /// <summary>Shows the selected checkpoint's messages (read off the UI thread, kept once read).</summary>
    protected override void ShowPreview()
    {
        if (_job is { } job)
        {
            _actions.Running.Refresh(job, RefreshHints); // whether t and d are offered
        }

        if (View.Preview is not { } pane)
        {
            return;
        }

        if (Selected?.Checkpoint is not { } c)
        {
            pane.Show("");
            return;
        }

        var known = _messages.Get(c.Id, 0);
        pane.Show(CheckpointMessages.Format(c, known));
        var store = Shell.Services.Checkpoints;
        if (known is null)
        {
            _messages.Load(c.Id, 0, () => CheckpointMessages.LoadAsync(store, c, MessagesShown), () =>
            {
                if (Selected?.Checkpoint is { } now && now.Id == c.Id)
                {
                    pane.Show(CheckpointMessages.Format(c, _messages.Get(c.Id, 0)));
                }
            });
        }

        _messages.ReadAhead(
            Neighbours().Select(row => (row.Checkpoint.Id, 0L, (Func<Task<CheckpointMessages>>)(() => CheckpointMessages.LoadAsync(store, row.Checkpoint, MessagesShown)))),
            FollowersChanged);
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() =>
        Selected?.Checkpoint is { } c ? ResumeCommand.Targets(c, Shell.Services.ResumeFlags) : [];

    public override bool IsAvailable(TuiAction action) => action switch
    {
        TuiAction.Open or TuiAction.Events or TuiAction.Transcript or TuiAction.Fork or TuiAction.Copy => Selected?.Checkpoint is not null,
        TuiAction.Delete => _job is { } job && _actions.CanDelete(job),
        TuiAction.Rename => _job is { } job && _actions.CanRename(job),
        TuiAction.Export => _job is not null,
        _ => true,
    };
}
