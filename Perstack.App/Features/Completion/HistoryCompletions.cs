using System.CommandLine.Completions;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Cli;
using Perstack.Core;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Completion;

/// <summary>
/// Completion sources that read the user's history and perstack.toml: job ids, checkpoint ids of a job, expert keys.
/// A completion must never print an error into the user's shell, so unreadable stores or configs complete nothing.
/// </summary>
internal sealed class HistoryCompletions(GlobalOptions global, Func<string, string?> environment)
{
    /// <summary>At most this many candidates: more is noise in a shell menu and costs time on huge histories.</summary>
    public const int MaxItems = 500;

    /// <summary>Job ids starting with the word being completed, newest first, with expert and step count as detail.</summary>
    public IEnumerable<CompletionItem> JobIds(CompletionContext context)
    {
        var listing = Read(context, services => services.GetRequiredService<IJobStore>().ListAsync());
        if (listing is null)
        {
            return [];
        }

        return listing.Items
            .Where(job => job.Id.Value.StartsWith(context.WordToComplete, StringComparison.Ordinal))
            .Take(MaxItems)
            .Select(job => new CompletionItem(job.Id.Value, detail: $"{job.CoordinatorExpertKey} - {job.TotalSteps} steps"))
            .ToList();
    }

    /// <summary>Checkpoint ids of the job <paramref name="jobIdText"/> (nothing when it is not a valid id).</summary>
    public IEnumerable<CompletionItem> CheckpointIds(CompletionContext context, string? jobIdText)
    {
        if (!JobId.TryParse(jobIdText, out var jobId))
        {
            return [];
        }

        var listing = Read(context, services => services.GetRequiredService<ICheckpointStore>().ListAsync(jobId));
        if (listing is null)
        {
            return [];
        }

        return listing.Items
            .Where(checkpoint => checkpoint.Id.Value.StartsWith(context.WordToComplete, StringComparison.Ordinal))
            .Take(MaxItems)
            .Select(checkpoint => new CompletionItem(checkpoint.Id.Value, detail: $"Step {checkpoint.StepNumber} {checkpoint.Expert.Key}"))
            .ToList();
    }

    /// <summary>Expert keys of perstack.toml, found by <paramref name="configPath"/> or upward from the current folder.</summary>
    public static IEnumerable<CompletionItem> ExpertKeys(CompletionContext context, string? configPath)
    {
        PerstackConfig config;
        try
        {
            config = ConfigFileLocator.Load(Directory.GetCurrentDirectory(), configPath);
        }
        catch (PerstackException)
        {
            return [];
        }

        return config.Experts
            .Where(expert => expert.Key.StartsWith(context.WordToComplete, StringComparison.Ordinal))
            .Select(expert => new CompletionItem(expert.Key, detail: expert.Description))
            .ToList();
    }

    private StoreListing<T>? Read<T>(CompletionContext context, Func<IServiceProvider, Task<StoreListing<T>>> read)
    {
        try
        {
            // Building the services touches no file: a missing history is still not created.
            using var services = Composition.Build(context.ParseResult.GetValue(global.StoragePath), environment);
            if (services.GetRequiredService<HistoryLocation>() is { IsFolder: true } history && !Directory.Exists(history.Root))
            {
                return null;
            }

            return read(services).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PerstackException)
        {
            return null;
        }
    }
}
