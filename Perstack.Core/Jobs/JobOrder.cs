using Perstack.Core.Domain;

namespace Perstack.Core.Jobs;

/// <summary>The orders jobs are listed in; ties go by id, so every order is total and stable.</summary>
public static class JobOrder
{
    /// <summary>The latest activity (<see cref="Job.LastActivityAt"/>) first: the Job History's default order, and the cached listing's.</summary>
    public static int LatestActivityFirst(Job a, Job b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int byActivity = b.LastActivityAt.CompareTo(a.LastActivityAt);
        return byActivity != 0 ? byActivity : a.Id.CompareTo(b.Id);
    }

    /// <summary>The newest <see cref="Job.StartedAt"/> first: <see cref="Storage.IJobStore.ListAsync"/>'s order.</summary>
    public static int NewestStartFirst(Job a, Job b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int byStart = b.StartedAt.CompareTo(a.StartedAt);
        return byStart != 0 ? byStart : a.Id.CompareTo(b.Id);
    }
}
