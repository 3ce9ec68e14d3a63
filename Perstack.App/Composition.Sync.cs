using Perstack.App.Features.Jobs;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
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
    /// <summary>Builds the copy of jobs from the folder to the bucket (<paramref name="push"/>) or back; dispose the result to close the clients.</summary>
    /// <exception cref="PerstackException">perstack.toml's <c>[storage]</c> table is invalid.</exception>
    public static JobSyncCopy CreateJobSync(S3Location remote, bool push, string root, string jobsDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var overrides = SyncOverrides(remote);
        var bucket = new S3Bucket(remote, S3ClientFactory.Create(overrides, environment));
        var folder = new FolderJobSide(root, jobsDirectory);
        if (!push)
        {
            // A pull only reads the bucket (a job another machine is writing is copied as far as it is uploaded: its
            // objects go up in order, each whole); the local job lock keeps it from writing under a local run.
            var remoteSide = new BucketJobSide(bucket);
            var pull = new JobCopier(remoteSide, folder, "push");
            return new JobSyncCopy((jobId, ignored, token) => pull.CopyAsync(jobId, "pulled", ignored, token), remoteSide.JobIdsAsync, bucket);
        }

        // A push writes the bucket like a run: it holds the job's lease there while it copies (a machine running the job
        // refuses it; a server without conditional writes refuses it unless allowed), and every upload checks the lease
        // is still its own.
        var leases = new S3JobLeases(remote, S3ClientFactory.Create(overrides, environment), LeaseOptions(overrides), overrides.AllowUnsafeWrites);
        var writer = S3Writer.Immediate(bucket, leases);

        // A pushed job.json is recorded in the bucket's jobs index, as the S3 stores record theirs.
        var history = new S3History(bucket, environment("AWS_ENDPOINT_URL_S3") ?? environment("AWS_ENDPOINT_URL"), CacheHome.Resolve(environment));
        var copier = new JobCopier(folder, new BucketJobSide(bucket, writer, JobFileRecorder.For(history, leases)), "pull");
        return new JobSyncCopy(
            async (jobId, ignored, token) =>
            {
                try
                {
                    using (leases.Acquire(jobId))
                    {
                        return await copier.CopyAsync(jobId, "pushed", ignored, token).ConfigureAwait(false);
                    }
                }
                catch (JobLockedException)
                {
                    throw new PerstackException($"Error: Job {jobId} is being written in {remote.Display} by another process (it holds the job's lease); nothing pushed");
                }
                catch (StoreWriteException e)
                {
                    throw new PerstackException(e.Message.StartsWith("Error: ", StringComparison.Ordinal) ? e.Message : "Error: " + e.Message, e);
                }
            },
            folder.JobIdsAsync,
            writer,
            leases,
            history);
    }

    /// <summary>
    /// perstack.toml's <c>[storage]</c> S3 settings (endpoint, region, forcePathStyle, allowUnsafeWrites, leaseSeconds)
    /// for <c>--to</c>/<c>--from</c>: they apply unless the table's <c>path</c> names another bucket (they are that
    /// bucket's settings then, maybe of another service).
    /// </summary>
    private static S3Overrides SyncOverrides(S3Location remote)
    {
        var table = StorageTableReader.Read(Directory.GetCurrentDirectory(), configPath: null);
        if (table is null)
        {
            return S3Overrides.None;
        }

        return table.Path is { } path && StorageLocation.Parse(path, table.SourcePath) is S3Location named && named.Bucket != remote.Bucket
            ? S3Overrides.None
            : table.S3;
    }
}
