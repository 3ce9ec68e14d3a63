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
    private readonly HashSet<JobId> _checking = [];

    /// <summary>The last answer for <paramref name="job"/>, or its stored status while none has landed.</summary>
    public bool IsRunning(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _known.TryGetValue(job.Id, out var held) ? held : job.Status == JobStatus.Running;
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
