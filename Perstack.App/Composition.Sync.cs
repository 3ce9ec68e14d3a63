using Perstack.App.Features.Jobs;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;
using Perstack.Storage.Files;
using Perstack.Storage.S3;
using Perstack.Storage.S3.Index;
using Perstack.Storage.S3.Leases;
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

        // A pushed job.json is recorded in the bucket's jobs index, as the S3 stores record theirs.
        var history = new S3History(bucket, environment("AWS_ENDPOINT_URL_S3") ?? environment("AWS_ENDPOINT_URL"), CacheHome.Resolve(environment));
        var leases = new S3JobLeases(remote, () => S3ClientFactory.Create(S3Overrides.None, environment), S3LeaseOptions.Default, allowUnsafeWrites: false);
        var side = new BucketJobSide(bucket, push ? JobFileRecorder.For(history, leases) : null);
        var copier = push ? new JobCopier(folder, side, "pull") : new JobCopier(side, folder, "push");
        return new JobSyncCopy((jobId, ignored, cancellationToken) => copier.CopyAsync(jobId, push ? "pushed" : "pulled", ignored, cancellationToken), new Disposables(history, leases));
    }

    /// <summary>The history (and its client) and the leases' client of a sync, closed together.</summary>
    private sealed class Disposables(S3History history, S3JobLeases leases) : IDisposable
    {
        public void Dispose()
        {
            leases.Dispose();
            history.Dispose();
        }
    }
}
