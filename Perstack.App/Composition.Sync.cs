using Perstack.App.Features.Jobs;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.S3;
using Perstack.Storage.Sync;

namespace Perstack.App;

/// <summary><c>jobs push</c>/<c>pull</c>: the copier between the local history folder and a bucket.</summary>
internal static partial class Composition
{
    /// <summary>Builds the copy of jobs from the folder to the bucket (<paramref name="push"/>) or back; dispose the result to close the client.</summary>
    public static JobSyncCopy CreateJobSync(S3Location remote, bool push, string root, string jobsDirectory, Func<string, string?> environment)
    {
        var bucket = new S3Bucket(remote, S3ClientFactory.Create(S3Overrides.None, environment));
        var folder = new FolderJobSide(root, jobsDirectory);
        var side = new BucketJobSide(bucket);
        var copier = push ? new JobCopier(folder, side, "pull") : new JobCopier(side, folder, "push");
        return new JobSyncCopy((jobId, ignored, cancellationToken) => copier.CopyAsync(jobId, push ? "pushed" : "pulled", ignored, cancellationToken), bucket);
    }
}
