using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.History;

/// <summary>
/// A job's first query, for the history filter. job.json does not hold it; the query is the input of the job's
/// first coordinator run, in <c>runs/&lt;runId&gt;/run-setting.json</c>. The panel reads it only once the user opens
/// the filter, off the UI thread and in batches, so browsing never pays for it and no checkpoint (message history)
/// is parsed. An additive job.json field would be cheaper, but TypeScript-written jobs would lack it, so this lookup
/// would be needed anyway. (The reference reused a run id on continue, rewriting its run-setting: for such jobs
/// this is the first run's latest query.)
/// </summary>
internal sealed class FirstQueryReader(IEventStore events, IRunSettingStore settings)
{
    /// <summary>The text of the earliest coordinator run that was given one; null when none can be read.</summary>
    public async Task<string?> ReadAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        RunSetting? first = null;
        foreach (var runId in await events.ListRunsAsync(job.Id, cancellationToken).ConfigureAwait(false))
        {
            RunSetting? setting;
            try
            {
                setting = await settings.GetAsync(job.Id, runId, cancellationToken).ConfigureAwait(false);
            }
            catch (CorruptFileException)
            {
                // Nothing to match in an unreadable setting; the job itself still shows (and jobs export names it).
                continue;
            }

            if (setting is { Input.Text: not null } && setting.ExpertKey == job.CoordinatorExpertKey && (first is null || setting.StartedAt < first.StartedAt))
            {
                first = setting;
            }
        }

        return first?.Input.Text;
    }
}
