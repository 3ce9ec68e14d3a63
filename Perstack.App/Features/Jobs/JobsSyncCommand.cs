using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs push &lt;jobId&gt;… --to s3://…</c> and <c>perstack jobs pull &lt;jobId&gt;… --from s3://…</c>.</summary>
internal static class JobsSyncCommand
{
    /// <summary>Builds <c>jobs push</c>.</summary>
    public static Command CreatePush(GlobalOptions global, Func<string, string?> environment) =>
        Create(global, environment, push: true);

    /// <summary>Builds <c>jobs pull</c>.</summary>
    public static Command CreatePull(GlobalOptions global, Func<string, string?> environment) =>
        Create(global, environment, push: false);

    private static Command Create(GlobalOptions global, Func<string, string?> environment, bool push)
    {
        var jobIdsArgument = IdSymbols.JobIdsArgument("jobId", push ? "The jobs to copy to the bucket" : "The jobs to copy from the bucket", bareError: true);
        jobIdsArgument.Arity = ArgumentArity.ZeroOrMore;
        var allOption = new Option<bool>("--all")
        {
            Description = push
                ? "Copy every job of the local history (jobs already up to date are counted, not listed; diverged or newer ones are refused, one line each, and the rest still copied)"
                : "Copy every job of the bucket history (jobs already up to date are counted, not listed; diverged or newer ones are refused, one line each, and the rest still copied)",
        };
        var bucketOption = new Option<string>(push ? "--to" : "--from")
        {
            Description = (push ? "The bucket history to copy to (s3://bucket/prefix)" : "The bucket history to copy from (s3://bucket/prefix)")
                + "; perstack.toml's [storage] endpoint, region, forcePathStyle, allowUnsafeWrites and leaseSeconds apply unless its path names another bucket",
            HelpName = "s3://bucket/prefix",
            Required = true,
        };
        var command = push
            ? new Command("push", "Copy whole jobs from the local history folder to a bucket (never over a newer copy), holding each job's lease there while it writes") { jobIdsArgument, allOption, bucketOption }
            : new Command("pull", "Copy whole jobs from a bucket to the local history folder (never over a newer copy), holding each job's local lock while it writes") { jobIdsArgument, allOption, bucketOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobIds = parse.GetValue(jobIdsArgument) ?? [];
            bool all = parse.GetValue(allOption);
            if (all == jobIds.Length > 0)
            {
                throw new PerstackException(all
                    ? $"Error: Name jobs to {(push ? "push" : "pull")} or --all, not both"
                    : $"Error: Name the jobs to {(push ? "push" : "pull")}, or --all for every job");
            }

            var text = parse.GetValue(bucketOption) ?? "";
            var option = push ? "--to" : "--from";
            if (string.IsNullOrWhiteSpace(text) || StorageLocation.Parse(text, option) is not S3Location location)
            {
                throw new PerstackException($"Error: {option} must name a bucket (s3://bucket/prefix), not {text}");
            }

            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobsSyncHandler>(handler => handler.RunAsync(jobIds, all, location, push, environment, context, cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }
}
