using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Storage.Files;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Reads back everything a store holds, the way the app does: every JSON file parses, and every job, checkpoint,
/// run setting and event of a job loads through the typed stores without a reported problem.
/// </summary>
internal static class StoreAudit
{
    /// <summary>
    /// Parses every non-temp JSON file under <paramref name="root"/>; returns how many it parsed and how many temp
    /// files lie around. Files in <paramref name="verified"/> (write-once files already parsed) are skipped, and
    /// write-once files parsed now are added to it.
    /// </summary>
    public static (int Files, int TempFiles) ParseEveryFile(string root, string because, HashSet<string>? verified = null)
    {
        int files = 0;
        int temps = 0;
        if (!Directory.Exists(root))
        {
            return (0, 0);
        }

        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (AtomicFile.IsTempFile(name))
            {
                temps++;
                continue;
            }

            if (!name.EndsWith(".json", StringComparison.Ordinal) || verified?.Contains(path) == true)
            {
                continue;
            }

            files++;
            var parse = () => { using var _ = JsonDocument.Parse(File.ReadAllBytes(path)); };
            parse.Should().NotThrow($"{path} must be whole JSON {because}");
            if (name.StartsWith("event-", StringComparison.Ordinal) || Path.GetFileName(Path.GetDirectoryName(path)) == "checkpoints")
            {
                verified?.Add(path);
            }
        }

        return (files, temps);
    }

    /// <summary>
    /// Loads the job and all its files through the stores (checkpoints and events named in <paramref name="loaded"/>
    /// were loaded before and are skipped); returns its checkpoints' count.
    /// </summary>
    public static async Task<int> LoadJobAsync(Stores stores, JobId jobId, string because, HashSet<string>? loaded = null)
    {
        await stores.Jobs.GetAsync(jobId);
        var checkpoints = await stores.Checkpoints.ListAsync(jobId);
        checkpoints.Problems.Should().BeEmpty(because);
        foreach (var summary in checkpoints.Items.Where(c => loaded?.Add(c.Id.Value) != false))
        {
            (await stores.Checkpoints.GetAsync(jobId, summary.Id)).Should().NotBeNull(because);
        }

        foreach (var runId in await stores.Events.ListRunsAsync(jobId))
        {
            await stores.RunSettings.GetAsync(jobId, runId);
            var events = await stores.Events.ListAsync(jobId, runId);
            events.Problems.Should().BeEmpty(because);
            foreach (var summary in events.Items.Where(e => loaded?.Add($"{runId}/{e.Timestamp}-{e.StepNumber}-{e.Type}") != false))
            {
                (await stores.Events.GetAsync(summary)).Should().NotBeNull(because);
            }
        }

        return checkpoints.Items.Count;
    }
}
