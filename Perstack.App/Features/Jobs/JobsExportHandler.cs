using System.Text;
using System.Text.Json;
using Perstack.App.Cli;
using Perstack.App.Cli.Output;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs export</c> does once its arguments are parsed (the workbench's export too).</summary>
internal sealed class JobsExportHandler(StoredJobReader reader, IJobLocks locks, IAtomicFileWriter files)
{
    /// <summary>Writes the job as JSON (<paramref name="json"/>) or markdown to <paramref name="outputPath"/>, else to stdout.</summary>
    public async Task<int> RunAsync(CliContext context, JobId jobId, bool json, string? outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (text, problems) = await RenderAsync(jobId, json, cancellationToken).ConfigureAwait(false);
        await ProblemReporter.WarnAsync(context.Error, problems).ConfigureAwait(false);
        if (outputPath is { Length: > 0 } path)
        {
            await WriteAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.Output.WriteAsync(text).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The export of the job (JSON or markdown) and the files that could not be read for it.</summary>
    public async Task<(string Text, IReadOnlyList<StoreProblem> Problems)> RenderAsync(JobId jobId, bool json, CancellationToken cancellationToken)
    {
        var stored = await reader.LoadAsync(jobId, withEvents: json, cancellationToken).ConfigureAwait(false);
        string text = json
            ? JsonSerializer.Serialize(JobsExportCommand.Document(stored.Contents), JobExportJsonContext.Document) + "\n"
            : TerminalText.Escape(JobTranscript.Render(stored, JobStatusText.Of(stored.Job, locks))); // read with cat too
        return (text, stored.Problems);
    }

    /// <summary>Writes an export to <paramref name="path"/> atomically.</summary>
    public Task WriteAsync(string path, string text, CancellationToken cancellationToken) =>
        files.WriteAsync(Path.GetFullPath(path), Encoding.UTF8.GetBytes(text), cancellationToken);
}
