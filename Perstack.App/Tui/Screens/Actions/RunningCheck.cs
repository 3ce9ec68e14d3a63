using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.App.Tui.Screens.Actions;

/// <summary>
/// Whether jobs are running, for what a screen offers (its hints): each answer comes from a check of the job's lock
/// made off the UI thread — the lock of a shared S3 history is a request to the server, which the UI thread must not
/// wait for on every key — and, until one lands, from the job's stored status. <see cref="Refresh"/> says when an
/// answer landed that differs from what was assumed. Carrying an action out checks the lock again, at once (JobActions).
/// </summary>
internal sealed class RunningCheck(IWorkbenchShell shell)
{
    // Enough for the jobs a user looks at in a session; past it, answers are asked again.
    private const int MaxKnown = 256;

    private readonly Dictionary<JobId, bool> _known = [];
    private readonly Dictionary<JobId, bool> _listed = [];
    private readonly HashSet<JobId> _checking = [];

    /// <summary>
    /// The last answer for <paramref name="job"/>; while none has landed, what its listing found (<see cref="Listed"/>),
    /// else its stored status.
    /// </summary>
    public bool IsRunning(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _known.TryGetValue(job.Id, out var held) ? held
            : _listed.TryGetValue(job.Id, out var listed) ? listed
            : job.Status == JobStatus.Running;
    }

    /// <summary>
    /// What the history's listing found of <paramref name="job"/>'s lock (its row says "running" or "interrupted"): a
    /// better guess than the stored status (which says running for every run that ended without a word) until an
    /// answer lands; without it the hints took t and d away on each interrupted job and gave them back a moment later.
    /// </summary>
    public void Listed(JobId job, bool running)
    {
        if (_listed.Count >= MaxKnown)
        {
            _listed.Clear();
        }

        _listed[job] = running;
    }

    /// <summary>
    /// Checks <paramref name="job"/>'s lock again off the UI thread (once at a time per job); <paramref name="changed"/>
    /// runs on the UI thread when the answer differs from the one given until then.
    /// </summary>
    public void Refresh(Job job, Action changed)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(changed);
        var id = job.Id;
        if (!_checking.Add(id))
        {
            return;
        }

        bool assumed = IsRunning(job);
        var locks = shell.Services.Locks;
        shell.Work.Run(
            () => Task.Run(() => locks.IsHeld(id)),
            held =>
            {
                _checking.Remove(id);
                if (_known.Count >= MaxKnown)
                {
                    _known.Clear();
                }

                _known[id] = held;
                if (held != assumed)
                {
                    changed();
                }
            },
            _ => _checking.Remove(id)); // the stored status stays the answer; carrying an action out checks again
    }
}
