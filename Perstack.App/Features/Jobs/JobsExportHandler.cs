using System.Text;
using System.Text.Json;
using Perstack.App.Cli;
using Perstack.App.Cli.Output;
using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs export</c> does once its arguments are parsed.</summary>
internal sealed class JobsExportHandler(StoredJobReader reader, IJobLocks locks, IAtomicFileWriter files)
{
    /// <summary>Writes the job as JSON (<paramref name="json"/>) or markdown to <paramref name="outputPath"/>, else to stdout.</summary>
    public async Task<int> RunAsync(CliContext context, JobId jobId, bool json, string? outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = await reader.LoadAsync(jobId, withEvents: json, cancellationToken).ConfigureAwait(false);
        await ProblemReporter.WarnAsync(context.Error, stored.Problems).ConfigureAwait(false);

        string text = json
            ? JsonSerializer.Serialize(JobsExportCommand.Document(stored.Contents), JobExportJsonContext.Document) + "\n"
            : TerminalText.Escape(JobTranscript.Render(stored, JobStatusText.Of(stored.Job, locks))); // read with cat too
        if (outputPath is { Length: > 0 } path)
        {
            await files.WriteAsync(Path.GetFullPath(path), Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.Output.WriteAsync(text).ConfigureAwait(false);
        }

        return 0;
    }
}
