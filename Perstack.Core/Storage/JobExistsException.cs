using Perstack.Core.Domain;

namespace Perstack.Core.Storage;

/// <summary>A new job was to be created under an id a job already has.</summary>
public sealed class JobExistsException : PerstackException
{
    /// <summary>Creates the exception.</summary>
    public JobExistsException(JobId jobId)
        : base($"Job {jobId} already exists")
    {
        JobId = jobId;
    }

    /// <summary>The job.</summary>
    public JobId JobId { get; }
}
