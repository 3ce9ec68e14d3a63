using System.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Perstack.App.Logging;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;

namespace Perstack.App.Features.Run;

/// <summary>
/// Runs an expert in this process as both <c>perstack run</c> and <c>perstack start</c> do, in the reference's order
/// of checks — perstack.toml, the expert, the provider name, the checkpoint to continue, the interactive answer, the
/// provider client (a missing key fails here) — all before anything is written.
/// </summary>
internal sealed class RunService(
    ContinueResolver resolver,
    IChatClientFactory chatClients,
    JobRunner runner,
    IRunSkillsFactory skills,
    Func<IDictionary> processEnvironment)
{
    /// <summary>Where the run says what it did (the log file in the user's state folder).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The log's redaction, told each run's secrets before the run logs anything.</summary>
    public LogRedaction LogRedaction { get; init; } = new();

    /// <summary>
    /// Runs until the job stops. Throws <see cref="PerstackException"/> for user errors and
    /// <see cref="RunCancelledException"/> when <paramref name="cancellationToken"/> stops it.
    /// </summary>
    /// <param name="flags">The command line's run settings.</param>
    /// <param name="expertKey">The expert.</param>
    /// <param name="query">The query, or the interactive answer.</param>
    /// <param name="answer">Whether the query answers a pending interactive call (null: when the checkpoint waits for one).</param>
    /// <param name="sink">Where the run's events go (after the event store).</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<RunOutcome> RunAsync(
        RunOverrides flags, string expertKey, string query, bool? answer, IRunEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var config = ConfigFileLocator.Load(flags.WorkingDirectory, flags.ConfigPath);
        var envFiles = EnvFileLoader.Load(flags.WorkingDirectory, flags.EnvPaths, config);
        var environment = EnvironmentBuilder.Build(processEnvironment(), envFiles);
        var request = RunRequestFactory.Create(flags, expertKey, query, answer, config, envFiles, environment);
        LogRedaction.Add(request.Secrets);

        var started = new FirstEventJob();
        try
        {
            var outcome = await RunAsync(request, sink, started, cancellationToken).ConfigureAwait(false);
            if (Logger.IsEnabled(LogLevel.Information))
            {
                Logger.Stopped(request.ExpertKey.Value, outcome.JobId.Value, outcome.Final.Id.Value, outcome.Final.Status.ToString(),
                    outcome.Final.StepNumber, outcome.Final.Usage.InputTokens, outcome.Final.Usage.OutputTokens);
            }
            return outcome;
        }
        catch (OperationCanceledException e) when (e is not RunCancelledException && cancellationToken.IsCancellationRequested)
        {
            Logger.Cancelled(request.ExpertKey.Value, started.JobId?.Value);
            throw new RunCancelledException(started.JobId, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.Failed(e, request.ExpertKey.Value, started.JobId?.Value);
            throw;
        }
    }

    private async Task<RunOutcome> RunAsync(RunRequest request, IRunEventSink sink, FirstEventJob started, CancellationToken cancellationToken)
    {
        var continueFrom = await resolver.ResolveAsync(request.Start, request.ExpertKey.Value, cancellationToken).ConfigureAwait(false);
        bool isAnswer = continueFrom is not null && (request.Answer ?? continueFrom.Status == CheckpointStatus.StoppedByInteractiveTool);
        var input = isAnswer
            ? new RunInput { InteractiveToolCallResult = InteractiveAnswer.Resolve(continueFrom!, request.Query) }
            : new RunInput { Text = request.Query };

        if (Logger.IsEnabled(LogLevel.Information))
        {
            Logger.Starting(request.ExpertKey.Value, request.Model.Provider.ToString(), request.Model.Model,
                continueFrom is null ? "new job" : $"continuing job {continueFrom.JobId.Value} from checkpoint {continueFrom.Id.Value}");
        }
        var chat = chatClients.Create(new ProviderRequest
        {
            Model = request.Model,
            Setting = request.ProviderSettings,
            Environment = request.Environment.Get,
            Secrets = request.Secrets,
        });
        try
        {
            var job = new JobRunRequest
            {
                JobId = request.Start is StartPoint.NewJob fresh ? fresh.Id : continueFrom!.JobId,
                ExpertKey = request.ExpertKey,
                Input = input,
                ContinueFrom = continueFrom,
                Experts = request.Experts,
                Model = request.Model,
                Provider = ProviderConfig.For(request.Model.Provider, request.ProviderSettings),
                Limits = request.Limits,
                PerstackApiBaseUrl = request.PerstackApiBaseUrl,
                Verbose = request.Verbose,
                EnvNames = request.Environment.Names,
                Secrets = request.Secrets,
                TelemetryCapturesContent = Telemetry.TelemetrySession.CapturesContent(request.Environment.Get),
                WorkingDirectory = request.WorkingDirectory,
            };
            var final = await runner.RunAsync(job, chat, skills.Create(request), [started, sink], cancellationToken).ConfigureAwait(false);
            return new RunOutcome(job.JobId, final);
        }
        finally
        {
            (chat as IDisposable)?.Dispose();
        }
    }

    /// <summary>Remembers the job of the run's first event (<c>initializeRuntime</c>): from then on the job has started.</summary>
    private sealed class FirstEventJob : IRunEventSink
    {
        public JobId? JobId { get; private set; }

        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(runEvent);
            JobId ??= runEvent.JobId;
            return ValueTask.CompletedTask;
        }

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(runtimeEvent);
            JobId ??= runtimeEvent.JobId;
            return ValueTask.CompletedTask;
        }
    }
}
