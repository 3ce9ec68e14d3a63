using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Core.Telemetry;

namespace Perstack.Core.Runtime;

/// <summary>
/// One pass of one expert: its run setting saved, <c>initializeRuntime</c> emitted, its skills started, an
/// <see cref="ExpertRun"/> until it stops, and the skills disposed.
/// </summary>
internal sealed class PassRunner
{
    private readonly IRunSettingStore _runSettings;
    private readonly ISkillSetFactory _skills;
    private readonly EventClock _clock;

    public PassRunner(IRunSettingStore runSettings, ISkillSetFactory skills, EventClock clock)
    {
        _runSettings = runSettings;
        _skills = skills;
        _clock = clock;
    }

    public async Task<Checkpoint> RunAsync(ChainContext context, Expert expert, Checkpoint start, RunInput input, DelegationChain chain)
    {
        var (request, services, cancellationToken) = (context.Request, context.Services, context.CancellationToken);
        var runId = RunId.New();
        var delegates = expert.Delegates.Select(key => request.Experts.TryGetValue(key, out var d)
            ? d
            : throw new PerstackException($"Delegate expert \"{key}\" not found in experts")).ToList();
        var reachable = ReachableExperts(request.Experts, expert);
        long now = _clock.Now.ToUnixTimeMilliseconds();
        await _runSettings.SaveAsync(RunSettingOf(request, runId, expert, input, reachable, now), CancellationToken.None).ConfigureAwait(false);
        await services.Sink.OnRuntimeEventAsync(InitializeRuntimeOf(request, runId, expert, input, reachable, now), cancellationToken).ConfigureAwait(false);

        var span = RuntimeTelemetry.StartPass(request.JobId, runId, expert.Key, expert.Name);
        try
        {
            var final = await RunPassAsync(context, expert, start, input, chain, runId, delegates).ConfigureAwait(false);
            RuntimeTelemetry.End(span, final);
            return final;
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Fail(span, e);
            throw;
        }
    }

    private async Task<Checkpoint> RunPassAsync(ChainContext context, Expert expert, Checkpoint start, RunInput input, DelegationChain chain, RunId runId, List<Expert> delegates)
    {
        var (request, services, cancellationToken) = (context.Request, context.Services, context.CancellationToken);
        var skills = await _skills.StartAsync(expert, delegates, new SkillEventTarget(request.JobId, runId, e => services.Sink.OnRuntimeEventAsync(e)), cancellationToken).ConfigureAwait(false);
        try
        {
            var pass = new RunPass
            {
                RunId = runId,
                Expert = expert,
                Delegates = delegates,
                Skills = skills,
                Start = start with { RunId = runId },
                Input = input,
                Model = request.Model,
                Steps = context.Steps,
                Delegation = chain,
                Limits = request.Limits,
                StartedAt = _clock.Now,
                WorkingDirectory = request.WorkingDirectory,
            };
            return await new ExpertRun(pass, services, context.Chat).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var skill in skills)
            {
                await skill.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static RunSetting RunSettingOf(JobRunRequest request, RunId runId, Expert expert, RunInput input, Dictionary<string, Expert> reachable, long now) => new()
    {
        Model = request.Model.Model,
        ProviderConfig = request.Provider,
        JobId = request.JobId,
        RunId = runId,
        ExpertKey = expert.Key,
        Input = input,
        Experts = reachable,
        Temperature = request.Model.Temperature,
        ReasoningBudget = request.Model.Reasoning,
        MaxSteps = request.Limits.MaxSteps,
        MaxRetries = request.Model.MaxRetries,
        Timeout = request.Model.TimeoutMs,
        StartedAt = now,
        UpdatedAt = now,
        PerstackApiBaseUrl = request.PerstackApiBaseUrl,
        EnvNames = request.EnvNames,
        Verbose = request.Verbose ? true : null,
    };

    private static InitializeRuntimeEvent InitializeRuntimeOf(JobRunRequest request, RunId runId, Expert expert, RunInput input, Dictionary<string, Expert> reachable, long now) => new()
    {
        Id = IdGenerator.Next(),
        Timestamp = now,
        JobId = request.JobId,
        RunId = runId,
        RuntimeVersion = JobRunner.RuntimeVersion,
        ExpertName = expert.Name,
        Experts = [.. reachable.Keys],
        Model = request.Model.Model,
        Temperature = request.Model.Temperature,
        MaxSteps = request.Limits.MaxSteps,
        MaxRetries = request.Model.MaxRetries,
        Timeout = request.Model.TimeoutMs,
        Query = input.Text,
        InteractiveToolCall = input.InteractiveToolCallResult,
    };

    /// <summary>
    /// The experts a pass can reach: its own and the closure of its delegates, in the configuration's order. A run
    /// setting records only these (not the whole table, which a delegation-heavy job would copy into every run).
    /// </summary>
    private static Dictionary<string, Expert> ReachableExperts(IReadOnlyDictionary<string, Expert> experts, Expert expert)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { expert.Key };
        var pending = new Queue<Expert>([expert]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var key in next.Delegates)
            {
                if (experts.TryGetValue(key, out var found) && seen.Add(key))
                {
                    pending.Enqueue(found);
                }
            }
        }

        return experts.Where(e => seen.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }
}
