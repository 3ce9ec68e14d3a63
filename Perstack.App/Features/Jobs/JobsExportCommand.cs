using System.CommandLine;
using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary><c>perstack jobs export &lt;jobId&gt; --format md|json [-o file]</c>.</summary>
internal static class JobsExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, Func<string, string?> environment)
    {
        var jobIdArgument = IdSymbols.JobIdArgument("jobId", "The job to export", bareError: true);
        var format = new Option<string>("--format")
        {
            Description = "md: a readable transcript; json: the whole job in one document (for jobs import)",
            HelpName = "md|json",
            DefaultValueFactory = _ => "md",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (text is "md" or "json")
                {
                    return text;
                }

                result.AddError($"Invalid --format \"{text}\": expected md or json");
                return "";
            },
        };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of stdout", HelpName = "file" };
        var command = new Command("export", "Export a job as a markdown transcript or a JSON document") { jobIdArgument, format, outputFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobId = parse.GetValue(jobIdArgument);
            using var context = CliContext.ForHistory(parse, global, environment);
            return await context.RunAsync<JobsExportHandler>(handler => handler.RunAsync(
                context, jobId, json: parse.GetValue(format) == "json", parse.GetValue(outputFile), cancellationToken)).ConfigureAwait(false);
        });
        return command;
    }

    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>The export document of a job's contents (environment values never included).</summary>
    public static JobExportDocument Document(JobContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return new JobExportDocument
        {
            Format = JobExportDocument.FormatName,
            Version = JobExportDocument.CurrentVersion,
            Job = contents.Job,
            Checkpoints = contents.Checkpoints,
            // Run settings the TypeScript runtime wrote hold environment values (API keys): only the names leave.
            RunSettings = [.. contents.RunSettings.Select(s => s.Env.Count == 0 ? s : s with { Env = NoEnvironment, EnvNames = s.EnvNames ?? [.. s.Env.Keys] })],
            Events = contents.Events,
        };
    }
}
