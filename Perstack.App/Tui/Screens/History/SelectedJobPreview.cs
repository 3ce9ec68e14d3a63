using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The history's preview of the selected job: what its row knows at once, the rest once read (off the UI thread, one
/// read at a time, kept per version of the job: <see cref="PreviewLoader{TKey, TValue}"/>). A read that lands after
/// the cursor moved to another job is kept for later, not shown. The jobs next to the selection are read ahead.
/// </summary>
internal sealed class SelectedJobPreview(UiWork work, JobPreview preview)
{
    private readonly PreviewLoader<JobId, JobPreview.Details> _previews = new(work);

    /// <summary>
    /// Shows <paramref name="row"/> in <paramref name="pane"/>; <paramref name="selected"/> says which row is selected once
    /// the rest is read. Then reads <paramref name="neighbours"/> ahead; <paramref name="readAhead"/> runs after each.
    /// </summary>
    public void Show(PreviewPane pane, JobRow? row, Func<JobRow?> selected, Func<long> now, IEnumerable<JobRow> neighbours, Action readAhead)
    {
        ArgumentNullException.ThrowIfNull(pane);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(now);
        pane.Show(Text(row, now()));
        if (row?.Job is { } job && Stamp(job) is var stamp && _previews.Get(job.Id, stamp) is null)
        {
            _previews.Load(job.Id, stamp, () => preview.LoadAsync(job), () =>
            {
                if (selected() is { Job: { } shown } current && shown.Id == job.Id)
                {
                    pane.Show(JobPreview.Format(current, _previews.Get(job.Id, stamp), now()));
                }
            });
        }

        _previews.ReadAhead(
            neighbours.Select(r => r.Job).OfType<Job>().Select(j => (j.Id, Stamp(j), (Func<Task<JobPreview.Details>>)(() => preview.LoadAsync(j)))),
            readAhead);
    }

    /// <summary>What the pane shows for <paramref name="row"/> at once: with what was read of it, if it was.</summary>
    public string Text(JobRow? row, long now) => row?.Job is { } job
        ? JobPreview.Format(row, _previews.Get(job.Id, Stamp(job)), now)
        : row is null ? "" : JobPreview.Format(row, null, now);

    // A job's version: a job that went on (a step, an activity) is read again.
    private static long Stamp(Job job) => job.LastActivityAt ^ job.TotalSteps;
}
