using Perstack.App.Cli;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>What <c>perstack jobs import</c> does once the export file is read and checked.</summary>
internal sealed class JobsImportHandler(IJobFiles files)
{
    /// <summary>Writes the job (under a new id if its id is taken) and prints its id.</summary>
    public async Task<int> RunAsync(CliContext context, JobExportDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(document);
        var original = document.Job.Id;
        if (files.FindIgnoringCase(original) is not null)
        {
            document = JobsImportCommand.WithJobId(document, JobId.New());
            await context.Error.WriteLineAsync($"Job {original} already exists; importing it as {document.Job.Id}").ConfigureAwait(false);
        }

        await files.CreateAsync(JobsImportCommand.Contents(document), cancellationToken).ConfigureAwait(false);
        await context.Output.WriteLineAsync(document.Job.Id.Value).ConfigureAwait(false);
        return 0;
    }
}
