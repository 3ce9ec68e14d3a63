using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace Perstack.App.Tui.Screens.History;

/// <summary>Job History: every job newest first, unreadable ones flagged. Enter resumes, c opens checkpoints, d deletes.</summary>
internal sealed class HistoryController(IWorkbenchShell shell) : ListController<JobRow>(shell, KeyMap.History)
{
    private static readonly Color ProblemColor = new(ColorName16.BrightRed);
    private readonly JobActions _actions = new(shell);
    private readonly JobQueries _queries = new(new FirstQueryReader(shell.Services.Events, shell.Services.RunSettings));

    public override Screen Screen => Screen.History;

    protected override string Caption => "Job History";

    protected override string Noun => "jobs";

    public JobId? SelectedJobId => Selected?.Job?.Id;

    protected override RowSource<JobRow> SourceOf(IReadOnlyList<JobRow> rows) =>
        new(rows, r => r.Text, r => r.Suffix, r => r.Problem is null ? null : ProblemColor);

    /// <summary>Loads the job list off the UI thread; with <paramref name="fallBackToExperts"/> an empty store opens the experts.</summary>
    public void Load(bool fallBackToExperts = false, JobId? select = null)
    {
        int version = BeginLoad();
        Refill(resetSelection: false);
        var jobs = Shell.Services.Jobs;
        var locks = Shell.Services.Locks;
        Shell.Work.Run(
            async () =>
            {
                var listing = await jobs.ListAsync().ConfigureAwait(false);
                var rows = new List<JobRow>(listing.Items.Count + listing.Problems.Count);
                rows.AddRange(listing.Problems.Select(p => new JobRow(null, "corrupt", p)));
                rows.AddRange(listing.Items.Select(j => new JobRow(j, JobStatusText.Of(j, locks), null)));
                return rows;
            },
            rows =>
            {
                if (!IsLatest(version))
                {
                    return;
                }

                EndLoad();
                if (fallBackToExperts && rows.Count == 0 && Shell.Screen == Screen.History)
                {
                    SetRows(rows, resetSelection: true);
                    Shell.ShowExperts();
                    return;
                }

                SetRows(_queries.Apply(rows), resetSelection: select is null);
                if (select is { } id)
                {
                    Select(r => r.Job?.Id == id);
                }

                if (Filter.Length > 0)
                {
                    FillQueries();
                }
            },
            e => Fail(version, e));
    }

    protected override void Reload() => Load(select: SelectedJobId);

    protected override string FilterNote => _queries.Progress;

    protected override void OnFilterOpened() => FillQueries();

    /// <summary>Reads the jobs' first queries in the background; each batch re-filters, keeping the selection.</summary>
    private void FillQueries() => _queries.Fill(Rows, Shell.Work, () =>
    {
        var selected = SelectedJobId;
        SetRows(_queries.Apply(Rows), resetSelection: false);
        if (selected is { } id)
        {
            Select(r => r.Job?.Id == id);
        }
    });

    protected override string Describe()
    {
        if (Shown.Count == 0)
        {
            return Loading ? "" : Filter.Length > 0 ? "No job matches the filter." : "No jobs found. Press n to start a new job.";
        }

        return Selected switch
        {
            { Job: { } job } row => $"{StatusMarkers.Label(row.Status)} · {HistoryRows.Tokens(job.Usage)} · {job.CoordinatorExpertKey}",
            { Problem: { } problem } => $"Unreadable: {problem.Path}: {problem.Reason}",
            _ => "",
        };
    }

    protected override bool PerformRow(TuiAction action)
    {
        switch (action)
        {
            case TuiAction.Open when SelectedJob() is { } job:
                Resume(job);
                return true;
            case TuiAction.Checkpoints when SelectedJob() is { } job:
                Shell.ShowCheckpoints(job);
                return true;
            case TuiAction.NewRun:
                Shell.ShowExperts();
                return true;
            case TuiAction.Delete when SelectedJob() is { } job:
                _actions.Delete(job, () => Load());
                return true;
            case TuiAction.Rename when SelectedJob() is { } job:
                _actions.Rename(job, View, id => Load(select: id));
                return true;
            case TuiAction.Export when SelectedJob() is { } job:
                _actions.Export(job, View);
                return true;
            case TuiAction.Back:
                Shell.SetMessage("Press q to quit");
                return true;
            default:
                return true;
        }
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets() => SelectedJob() is { } job
        ? [new("job id", job.Id.ToString()), new("command", ResumeCommand.Of(job.CoordinatorExpertKey, job.Id, null, Shell.Services.ResumeFlags))]
        : [];

    public override bool IsAvailable(TuiAction action) => action switch
    {
        TuiAction.Open or TuiAction.Checkpoints or TuiAction.Copy or TuiAction.Export => Selected?.Job is not null,
        TuiAction.Delete => Selected?.Job is { } job && _actions.CanDelete(job),
        TuiAction.Rename => Selected?.Job is { } job && _actions.CanRename(job),
        _ => true,
    };

    /// <summary>The selected readable job; an unreadable one says why.</summary>
    private Job? SelectedJob()
    {
        var row = Selected;
        if (row is { Job: null, Problem: { } problem })
        {
            Shell.SetMessage($"This job cannot be read: {problem.Reason}");
        }

        return row?.Job;
    }

    /// <summary>Enter: query entry from the job's latest checkpoint (or without one when they cannot be read).</summary>
    private void Resume(Job job)
    {
        Shell.SetMessage($"Loading the latest checkpoint of {job.Id}…");
        var store = Shell.Services.Checkpoints;
        int version = BeginLoad();
        Shell.Work.Run(
            async () => await store.ListAsync(job.Id).ConfigureAwait(false),
            listing =>
            {
                EndLoad();
                if (!IsLatest(version) || Shell.Screen != Screen.History)
                {
                    return;
                }

                Shell.SetMessage("");
                var latest = CheckpointTree.Latest(listing.Items);
                Shell.OpenQuery(
                    latest?.Expert.Key ?? job.CoordinatorExpertKey,
                    latest is null ? null : new ResumePoint(job.Id, latest.Id, latest.StepNumber, latest.Status == CheckpointStatus.StoppedByInteractiveTool),
                    Screen.History);
            },
            e =>
            {
                EndLoad();
                Shell.OpenQuery(job.CoordinatorExpertKey, null, Screen.History);
                Shell.SetMessage($"Cannot load the checkpoints of {job.Id}: {e.Message}");
            });
    }
}
