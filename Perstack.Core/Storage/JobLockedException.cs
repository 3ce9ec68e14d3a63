using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>Another process is running the job.</summary>
public sealed class JobLockedException : PerstackException
{
    /// <summary>Creates the exception.</summary>
    public JobLockedException(JobId jobId)
        : base($"Job {jobId} is already running in another process")
    {
        JobId = jobId;
    }

    /// <summary>The job.</summary>
    public JobId JobId { get; }
}
