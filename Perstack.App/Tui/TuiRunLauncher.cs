using Perstack.App.Config;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Core.Skills.Base;
using Perstack.Core.Storage;

namespace Perstack.App.Tui;

/// <summary>The <c>run</c> options given to <c>perstack start</c>, applied to every run it starts.</summary>
internal sealed record RunDefaults
{
    public string? ConfigPath { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public double? Temperature { get; init; }

    public int? MaxSteps { get; init; }

    public int? MaxRetries { get; init; }

    public int? Timeout { get; init; }

    public string? JobId { get; init; }

    public IReadOnlyList<string>? EnvPaths { get; init; }

    public required string WorkingDirectory { get; init; }
}

/// <summary>The stores and factories a run needs.</summary>
internal sealed record RunPorts(
    IJobStore Jobs,
    ICheckpointStore Checkpoints,
    IRunSettingStore RunSettings,
    IEventStore Events,
    IJobLocks Locks,
    IChatClientFactory ChatClients);

/// <summary>
/// Runs a selection in-process exactly as <c>perstack run</c> wires it (same order of checks: perstack.toml, the
/// checkpoint to continue, the expert, the provider), with the TUI as the event listener. The provider key is only
/// needed here, when a run starts.
/// </summary>
internal sealed class TuiRunLauncher(RunDefaults defaults, RunPorts ports, Func<System.Collections.IDictionary> environment) : IRunLauncher
{
    private const string DefaultModel = "claude-sonnet-4-5";

    public async Task<Checkpoint> RunAsync(RunSelection selection, IRunEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var config = ConfigFileLocator.Load(defaults.WorkingDirectory, defaults.ConfigPath);
        var env = EnvFileLoader.LoadEnvironment(defaults.WorkingDirectory, defaults.EnvPaths?.ToArray() ?? [], config, environment());
        var experts = config.Experts.ToDictionary(e => e.Key, StringComparer.Ordinal);
        if (!experts.ContainsKey(selection.ExpertKey))
        {
            throw new PerstackException($"Expert \"{selection.ExpertKey}\" not found in perstack.toml");
        }

        var providerName = defaults.Provider ?? config.ProviderName ?? ProviderNames.Anthropic;
        if (!ProviderNames.All.Contains(providerName))
        {
            throw new PerstackException($"Validation failed: options.provider: {ProviderNames.InvalidOptionMessage}");
        }

        var model = defaults.Model ?? config.Model ?? DefaultModel;
        int maxRetries = defaults.MaxRetries ?? (int)(config.MaxRetries ?? 5);
        long timeout = defaults.Timeout ?? config.Timeout ?? 300_000;

        var resume = selection.Resume;
        var continueOptions = new ContinueOptions(false, resume?.JobId.ToString(), resume?.CheckpointId?.ToString());
        var continueFrom = await new ContinueResolver(ports.Jobs, ports.Checkpoints)
            .ResolveAsync(continueOptions, selection.ExpertKey, cancellationToken).ConfigureAwait(false);
        var input = continueFrom is { Status: CheckpointStatus.StoppedByInteractiveTool }
            ? new RunInput { InteractiveToolCallResult = InteractiveAnswer.Resolve(continueFrom, selection.Query) }
            : new RunInput { Text = selection.Query };

        var chat = ports.ChatClients.Create(new ProviderRequest
        {
            ProviderName = providerName,
            Model = model,
            Setting = config.ProviderSetting,
            Environment = env.Get,
            MaxRetries = maxRetries,
            Timeout = TimeSpan.FromMilliseconds(timeout),
        });
        try
        {
            var request = new JobRunRequest
            {
                JobId = continueFrom?.JobId ?? (defaults.JobId is { } id && resume is null ? Core.Domain.JobId.Parse(id) : Core.Domain.JobId.New()),
                ExpertKey = selection.ExpertKey,
                Input = input,
                ContinueFrom = continueFrom,
                Experts = experts,
                Model = model,
                Provider = new ProviderConfig { ProviderName = providerName, BaseUrl = config.ProviderSetting.BaseUrl },
                Temperature = defaults.Temperature ?? config.Temperature ?? 0,
                MaxSteps = defaults.MaxSteps ?? config.MaxSteps,
                MaxRetries = maxRetries,
                TimeoutMs = timeout,
                EnvNames = env.Names,
                WorkingDirectory = defaults.WorkingDirectory,
            };
            var runner = new JobRunner(ports.Jobs, ports.Checkpoints, ports.RunSettings, ports.Locks, new SkillSetFactory(new BaseSkillOptions(defaults.WorkingDirectory)), TimeProvider.System);
            return await runner.RunAsync(request, chat, new StoringEventSink(ports.Events, sink), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (chat as IDisposable)?.Dispose();
        }
    }
}
