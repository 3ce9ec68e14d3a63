using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// The history's preview of the selected job: what its row knows at once, the rest once read (off the UI thread, one
/// read at a time, kept per version of the job: <see cref="PreviewLoader{TKey, TValue}"/>). A read that lands after
/// the cursor moved to another job is kept for later, not shown.
/// </summary>
internal sealed class SelectedJobPreview(UiWork work, JobPreview preview)
{
    private readonly PreviewLoader<JobId, JobPreview.Details> _previews = new(work);

    /// <summary>Shows <paramref name="row"/> in <paramref name="pane"/>; <paramref name="selected"/> says which row is selected once the rest is read.</summary>
    public void Show(PreviewPane pane, JobRow? row, Func<JobRow?> selected, Func<long> now)
    {
        ArgumentNullException.ThrowIfNull(pane);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(now);
        if (row?.Job is not { } job)
        {
            pane.Show(row is null ? "" : JobPreview.Format(row, null, now()));
            return;
        }

        long stamp = job.LastActivityAt ^ job.TotalSteps;
        var known = _previews.Get(job.Id, stamp);
        pane.Show(JobPreview.Format(row, known, now()));
        if (known is null)
        {
            _previews.Load(job.Id, stamp, () => preview.LoadAsync(job), () =>
            {
                if (selected() is { Job: { } shown } current && shown.Id == job.Id)
                {
                    pane.Show(JobPreview.Format(current, _previews.Get(job.Id, stamp), now()));
                }
            });
        }
    }
}
