using System.Collections;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Secrets;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Skills.Mcp;
using Perstack.Storage;

namespace Perstack.App.Features.Run;

/// <summary>
/// Runs an expert in this process as both <c>perstack run</c> and <c>perstack start</c> do, in the reference's order
/// of checks — perstack.toml, the expert, the provider name, the checkpoint to continue, the interactive answer, the
/// provider client (a missing key fails here) — all before anything is written.
/// </summary>
internal sealed class LocalRunner(RunDefaults defaults, RunPorts ports, Func<IDictionary> processEnvironment)
{
    /// <summary>Runs until the job stops; returns the final checkpoint. Throws <see cref="PerstackException"/> for user errors.</summary>
    /// <param name="expertKey">The expert.</param>
    /// <param name="query">The query, or the interactive answer.</param>
    /// <param name="continueOptions">Which stored checkpoint to continue from, if any.</param>
    /// <param name="answer">Whether the query answers a pending interactive call (null: when the checkpoint waits for one).</param>
    /// <param name="sink">Where the run's events go (after the event store).</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<Checkpoint> RunAsync(
        string expertKey, string query, ContinueOptions continueOptions, bool? answer, IRunEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(continueOptions);
        ContinueResolver.ValidateFlags(continueOptions);
        var newJobId = defaults.JobId is { } jobIdText ? JobId.Parse(jobIdText) : (JobId?)null;
        var config = ConfigFileLocator.Load(defaults.WorkingDirectory, defaults.ConfigPath);
        var envFiles = EnvFileLoader.Load(defaults.WorkingDirectory, defaults.EnvPaths, config);
        var environment = EnvironmentBuilder.Build(processEnvironment(), envFiles);
        var secrets = KnownSecrets.Redactor(environment, envFiles, config.Experts);
        var experts = config.Experts.ToDictionary(e => e.Key, StringComparer.Ordinal);
        if (!experts.ContainsKey(expertKey))
        {
            throw new PerstackException($"Expert \"{expertKey}\" not found in perstack.toml");
        }

        var providerText = defaults.Provider ?? config.ProviderName;
        var provider = ModelSettings.DefaultProvider;
        if (providerText is not null && !ProviderName.TryParse(providerText, out provider))
        {
            throw new PerstackException($"Validation failed:\n  - options.provider: {ProviderName.InvalidOptionMessage}");
        }

        var model = defaults.Model ?? config.Model ?? ModelSettings.DefaultModel;
        var settings = new ModelSettings
        {
            Provider = provider,
            Model = model,
            Temperature = defaults.Temperature ?? config.Temperature ?? ModelSettings.DefaultTemperature,
            Reasoning = ReasoningDefaults.Resolve(defaults.ReasoningBudget, config.ReasoningBudget, provider, model),
            MaxRetries = defaults.MaxRetries ?? (int)(config.MaxRetries ?? ModelSettings.DefaultMaxRetries),
            Timeout = TimeSpan.FromMilliseconds(defaults.Timeout ?? config.Timeout ?? ModelSettings.DefaultTimeoutMs),
        };
        var limits = new RunLimits
        {
            MaxSteps = defaults.MaxSteps ?? config.MaxSteps ?? RunLimits.DefaultMaxSteps,
            MaxDelegationDepth = defaults.MaxDelegationDepth ?? (int)Math.Min(config.MaxDelegationDepth ?? RunLimits.DefaultMaxDelegationDepth, int.MaxValue),
            ToolTimeout = TimeSpan.FromMilliseconds(defaults.ToolTimeout ?? config.ToolTimeout ?? RunLimits.DefaultToolTimeoutMs),
        };

        var continueFrom = await new ContinueResolver(ports.Jobs, ports.Checkpoints, ports.Locks)
            .ResolveAsync(continueOptions, expertKey, cancellationToken).ConfigureAwait(false);
        bool isAnswer = continueFrom is not null && (answer ?? continueFrom.Status == CheckpointStatus.StoppedByInteractiveTool);
        var input = isAnswer
            ? new RunInput { InteractiveToolCallResult = InteractiveAnswer.Resolve(continueFrom!, query) }
            : new RunInput { Text = query };

        var chat = ports.ChatClients.Create(new ProviderRequest
        {
            Model = settings,
            Setting = config.ProviderSetting,
            Environment = environment.Get,
        });
        try
        {
            var request = new JobRunRequest
            {
                JobId = continueFrom?.JobId ?? newJobId ?? JobId.New(),
                ExpertKey = ExpertKey.Parse(expertKey),
                Input = input,
                ContinueFrom = continueFrom,
                Experts = experts,
                Model = settings,
                Provider = ProviderConfig.For(provider, config.ProviderSetting),
                Limits = limits,
                PerstackApiBaseUrl = config.PerstackApiBaseUrl ?? RunSetting.DefaultPerstackApiBaseUrl,
                Verbose = defaults.Verbose,
                EnvNames = environment.Names,
                Secrets = secrets,
                WorkingDirectory = defaults.WorkingDirectory,
            };
            var skills = new SkillSetFactory(
                new BaseSkillOptions(defaults.WorkingDirectory)
                {
                    HiddenDirectories = [ports.StorageRoot],
                    AllowEnvFiles = config.AllowEnvFiles ?? false,
                    EnvFiles = EnvFileLoader.ResolvePaths(defaults.WorkingDirectory, defaults.EnvPaths, config),
                },
                new McpSkillOptions
                {
                    Environment = environment.Get,
                    BaseSkillCommand = config.PerstackBaseSkillCommand,
                    CallTimeout = limits.ToolTimeout,
                });
            var stores = new WriteBehindStores(ports.Layout, ports.Locks, secrets);
            await using (stores.ConfigureAwait(false))
            {
                var runner = new JobRunner(stores.Jobs, stores.Checkpoints, stores.RunSettings, ports.Locks, skills, TimeProvider.System, stores.Commits);
                return await runner.RunAsync(request, chat, new StoringEventSink(stores.Events, stores.Commits, sink) { Secrets = secrets }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            (chat as IDisposable)?.Dispose();
        }
    }
}
