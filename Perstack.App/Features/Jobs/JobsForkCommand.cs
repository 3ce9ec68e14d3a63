using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Jobs;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs fork &lt;jobId&gt; --from &lt;checkpointId&gt;</c>: a new job that starts where a checkpoint left off.</summary>
internal static class JobsForkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var jobIdArgument = IdSymbols.JobIdArgument("jobId", "The job to fork", bareError: true);
        var from = IdSymbols.CheckpointIdOption("--from", "checkpointId", "The checkpoint the new job starts from", bareError: true);
        from.Required = true;
        var command = new Command("fork", "Copy a job's history up to a checkpoint into a new job; prints the new job id") { jobIdArgument, from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobId = parse.GetValue(jobIdArgument);
            var checkpointId = parse.GetValue(from) ?? throw new InvalidOperationException("--from is required");
            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobForker>(async forker =>
            {
                var newId = await forker.ForkAsync(
                    jobId, checkpointId, problem => context.Error.WriteLineAsync($"warning: skipped {problem.Path}: {problem.Reason}"), cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync(newId.Value).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
