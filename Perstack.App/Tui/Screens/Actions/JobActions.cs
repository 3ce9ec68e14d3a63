using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Terminal.Gui.Input;

namespace Perstack.App.Tui.Screens.Actions;

/// <summary>
/// What can be done to a job from the screen showing it: title (<c>jobs title</c>), fork at a checkpoint
/// (<c>jobs fork</c>), export (<c>jobs export</c>) and delete (<c>jobs delete</c>), each through the services those
/// commands use (<see cref="JobOperations"/>), so the rules are the same: a running job is neither renamed nor deleted,
/// and a delete is refused before it is confirmed.
/// </summary>
internal sealed class JobActions(IWorkbenchShell shell)
{
    private WorkbenchServices Services => shell.Services;

    /// <summary>
    /// Whether another process is running the job, asked of its lock now, on the UI thread: before an action is carried
    /// out (the hints use <see cref="Running"/>'s answers, which do not wait).
    /// </summary>
    private bool IsRunningNow(Job job) => Services.Locks.IsHeld(job.Id);

    /// <summary>Whether jobs run, as the hints show it: answered without waiting for the job's lock.</summary>
    public RunningCheck Running { get; } = new(shell);

    /// <summary>Whether <c>t</c> would be carried out: a job with its own job.json, not running (see <see cref="Running"/>).</summary>
    public bool CanRename(Job job) => !job.IsDerived && !Running.IsRunning(job);

    /// <summary>Whether <c>d</c> would be carried out: a job nobody is running (see <see cref="Running"/>).</summary>
    public bool CanDelete(Job job) => !Running.IsRunning(job);

    /// <summary>Asks for the new title on <paramref name="view"/>'s input line (empty removes it), then sets it.</summary>
    public void Rename(Job job, BrowserView view, Action<JobId> renamed)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(view);
        if (Refused(job, rename: true) is { } reason)
        {
            shell.SetMessage(reason);
            return;
        }

        view.OpenInput("Title: ", job.Title ?? "", new InputRequest(
            null,
            text =>
            {
                var title = text.Trim();
                var titles = Services.Operations.Titles;
                shell.Work.Run(
                    async () => await titles.RunAsync(job.Id, title, CancellationToken.None).ConfigureAwait(false),
                    _ =>
                    {
                        shell.SetMessage(title.Length == 0 ? $"Removed the title of {job.Id}" : $"Titled {job.Id} «{title}»");
                        shell.HistoryChanged();
                        renamed(job.Id);
                    },
                    e => shell.SetMessage($"Cannot set the title of {job.Id}: {OneLine(e)}"));
            },
            () => shell.SetMessage("Title unchanged")));
    }

    /// <summary>Forks the job at <paramref name="checkpoint"/> (as <c>jobs fork</c>), then opens the new job.</summary>
    public void Fork(Job job, CheckpointSummary checkpoint)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var forker = Services.Operations.Forker;
        var jobs = Services.Jobs;
        shell.SetMessage($"Forking {job.Id} at step {checkpoint.StepNumber}…");
        shell.Work.Run(
            async () =>
            {
                int skipped = 0;
                var newId = await forker.ForkAsync(job.Id, checkpoint.Id, _ => Task.FromResult(++skipped), CancellationToken.None).ConfigureAwait(false);
                return (Job: await jobs.GetAsync(newId).ConfigureAwait(false), NewId: newId, Skipped: skipped);
            },
            fork =>
            {
                shell.HistoryChanged();
                if (fork.Job is { } created)
                {
                    shell.ShowCheckpoints(created);
                }

                var note = fork.Skipped > 0 ? $" ({fork.Skipped} unreadable run setting(s) left out)" : "";
                shell.SetMessage($"Forked {job.Id} at step {checkpoint.StepNumber} ({checkpoint.Id}) into {fork.NewId}{note}");
            },
            e => shell.SetMessage($"Cannot fork {job.Id}: {OneLine(e)}"));
    }

    /// <summary>
    /// Asks where to export on <paramref name="view"/>'s input line (<c>.json</c> writes JSON, anything else
    /// markdown, as <c>jobs export --format</c>), confirms before replacing a file, then writes it atomically.
    /// </summary>
    public void Export(Job job, BrowserView view)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(view);
        view.OpenInput("Export to (.md or .json): ", $"{job.Id}.md", new InputRequest(
            null,
            text =>
            {
                var path = text.Trim();
                if (path.Length == 0)
                {
                    shell.SetMessage("Not exported");
                    return;
                }

                string full;
                try
                {
                    full = Path.GetFullPath(path);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    shell.SetMessage($"Cannot export to {path}: {OneLine(e)}");
                    return;
                }

                if (File.Exists(full) || Directory.Exists(full))
                {
                    shell.OpenMenu($"{full} exists: replace it?", [
                        new Choice(Key.N, "n No, keep it", () =>
                        {
                            shell.CloseMenu();
                            shell.SetMessage("Not exported");
                        }),
                        new Choice(Key.Y, $"y Yes, replace it with job {job.Id}", () =>
                        {
                            shell.CloseMenu();
                            Write(job, full);
                        }),
                    ]);
                    return;
                }

                Write(job, full);
            },
            () => shell.SetMessage("Not exported")));
    }

    /// <summary>
    /// Deletes the job after a y/n confirmation; a job another process is running is refused at once, before
    /// asking (and once more by the store, should it start in between).
    /// </summary>
    public void Delete(Job job, Action deleted)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (Refused(job, rename: false) is { } reason)
        {
            shell.SetMessage(reason);
            return;
        }

        shell.OpenMenu($"Delete job {job.Id}?", [
            new Choice(Key.N, $"n No, keep {job.Id}", () =>
            {
                shell.CloseMenu();
                shell.SetMessage("Not deleted");
            }),
            new Choice(Key.Y, $"y Yes, delete {HistoryRows.Job(job)}", () =>
            {
                shell.CloseMenu();
                var deleter = Services.Operations.Deleter;
                shell.Work.Run(
                    async () => await deleter.DeleteAsync(job.Id, CancellationToken.None).ConfigureAwait(false),
                    outcome =>
                    {
                        shell.HistoryChanged();
                        deleted(); // may show another screen, which clears the message line: the outcome is said after
                        shell.SetMessage(outcome.Deleted ? $"Deleted job {job.Id}" : outcome.Message);
                    },
                    e => shell.SetMessage($"Cannot delete job {job.Id}: {OneLine(e)}"));
            }),
        ]);
    }

    private string? Refused(Job job, bool rename) =>
        IsRunningNow(job) ? $"Job {job.Id} is running; it cannot be {(rename ? "renamed" : "deleted")} now"
        : rename && job.IsDerived ? $"Job {job.Id} has no job.json (it is derived from its checkpoints); continue it first to give it a title"
        : null;

    private void Write(Job job, string path)
    {
        var exports = Services.Operations.Exports;
        bool json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        shell.Work.Run(
            async () =>
            {
                var (text, problems) = await exports.RenderAsync(job.Id, json, CancellationToken.None).ConfigureAwait(false);
                await exports.WriteAsync(path, text, CancellationToken.None).ConfigureAwait(false);
                return problems.Count;
            },
            problems => shell.SetMessage($"Exported {job.Id} as {(json ? "JSON" : "markdown")} to {path}{(problems > 0 ? $" ({problems} unreadable file(s) left out)" : "")}"),
            e => shell.SetMessage($"Cannot export {job.Id}: {OneLine(e)}"));
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");
}
