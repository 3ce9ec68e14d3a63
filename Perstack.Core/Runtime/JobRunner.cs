using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Secrets;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Core.Telemetry;

namespace Perstack.Core.Runtime;

/// <summary>
/// Runs a job invocation: holds the job's lock, keeps <c>job.json</c> true (live totals after every step, a final
/// status always — never a job left <c>running</c>), and chains passes through delegations and their returns.
/// The job's record is a <see cref="JobSession"/>'s, each pass a <see cref="PassRunner"/>'s, delegation a
/// <see cref="DelegationRunner"/>'s; this type orchestrates them.
/// </summary>
public sealed class JobRunner
{
    /// <summary>Version reported in <c>initializeRuntime</c>.</summary>
    public static readonly string RuntimeVersion = typeof(JobRunner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>How many delegates of one reply run at once.</summary>
    public const int MaxParallelDelegates = 4;

    private readonly IRunStoresFactory _stores;
    private readonly IJobLocks _locks;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner; each run opens its own stores from <paramref name="stores"/>.</summary>
    public JobRunner(IRunStoresFactory stores, IJobLocks locks, TimeProvider time)
    {
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Runs until the job stops; returns the final checkpoint. Throws <see cref="OperationCanceledException"/>
    /// after recording a cancelled stop, and <see cref="PerstackException"/> for errors found before the run.
    /// </summary>
    public Task<Checkpoint> RunAsync(JobRunRequest request, IChatClient chat, ISkillSetFactory skills, IRunEventSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return RunAsync(request, chat, skills, [sink], cancellationToken);
    }

    /// <summary>
    /// Runs until the job stops, in stores opened for this run: every run event is stored, then passed to
    /// <paramref name="sinks"/> in order. Throws as <see cref="RunAsync(JobRunRequest, IChatClient, ISkillSetFactory, IRunEventSink, CancellationToken)"/>.
    /// </summary>
    public async Task<Checkpoint> RunAsync(JobRunRequest request, IChatClient chat, ISkillSetFactory skills, IReadOnlyList<IRunEventSink> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(sinks);
        var stores = _stores.Open(request.Secrets);
        await using (stores.ConfigureAwait(false))
        {
            var sink = new StoringEventSink(stores.Events, stores.Commits, [.. sinks]) { Secrets = request.Secrets };
            // A clock per run, as a runner per run had: its timestamps increase strictly within the run.
            var clock = new EventClock(_time);
            var session = new JobSession(stores.Jobs, _locks, clock, stores.Commits);
            var delegation = new DelegationRunner(stores.Checkpoints, new PassRunner(stores.RunSettings, skills, clock));
            return await RunAsync(request, chat, sink, new RunParts(stores.Checkpoints, clock, session, delegation), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Checkpoint> RunAsync(JobRunRequest request, IChatClient chat, IRunEventSink sink, RunParts run, CancellationToken cancellationToken)
    {
        // Continuing a job stopped mid-delegation as its coordinator resumes the delegate first (ContinueResolver).
        var expert = Find(request.Experts, request.ContinueFrom?.Expert.Key ?? request.ExpertKey.Value);
        ValidateInput(request);

        var span = RuntimeTelemetry.StartJob(request.JobId, request.ExpertKey.Value, request.Model.Provider.ToString(), request.Model.Model);
        Checkpoint result;
        try
        {
            var (jobLock, job) = await run.Session.OpenJobAsync(request).ConfigureAwait(false);
            using var held = jobLock;
            try
            {
                result = await RunLockedAsync(request, job, expert, chat, sink, run, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The run's own error is the one to report; what it wrote still goes to disk before the lock does.
                await run.Session.CommitBeforeReleaseAsync(request.JobId, reportFailure: false).ConfigureAwait(false);
                throw;
            }

            // Everything written must be on disk before the lock goes: the next holder reads and writes these files.
            await run.Session.CommitBeforeReleaseAsync(request.JobId, reportFailure: true).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Fail(span, e);
            throw;
        }

        RuntimeTelemetry.End(span, result);
        return result;
    }

    private static async Task<Checkpoint> RunLockedAsync(JobRunRequest request, Job job, Expert expert, IChatClient chat, IRunEventSink sink, RunParts run, CancellationToken cancellationToken)
    {
        using var jobGate = new SemaphoreSlim(1, 1);
        var services = new RunServices(run.Checkpoints, sink, run.Clock, async checkpoint =>
        {
            // Parallel delegates store checkpoints concurrently, hence the gate.
            await jobGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                job = await run.Session.SaveTotalsAsync(job, checkpoint).ConfigureAwait(false);
            }
            finally
            {
                jobGate.Release();
            }
        }) { Secrets = request.Secrets, TelemetryCapturesContent = request.TelemetryCapturesContent };

        // A stored conversation may hold a secret an older version (or the reference) wrote: it is not sent on.
        var start = request.ContinueFrom is { } continued
            ? ContinueFrom(request.Secrets.Redact(continued))
            : Fresh(request.JobId, expert, stepNumber: 1, Usage.Empty, delegatedBy: null, request);
        var input = request.Input;
        var steps = new JobStepBudget(request.Limits.MaxSteps, stepsBefore: start.StepNumber - 1);
        var context = new ChainContext(request, chat, services, steps, cancellationToken);
        var chain = request.ContinueFrom is { } from
            ? await DelegationChain.LoadAsync(run.Checkpoints, from, request.Limits.MaxDelegationDepth + 2, cancellationToken).ConfigureAwait(false)
            : DelegationChain.Root(expert.Key, input.Text);
        try
        {
            while (true)
            {
                steps.Start();
                var result = await run.Delegation.RunChainAsync(context, expert, start, input, chain).ConfigureAwait(false);
                if (result.Status == CheckpointStatus.Completed && result.DelegatedBy is { } parentRef)
                {
                    // A delegate continued on its own (e.g. after answering its interactive call) returns to its parent.
                    (expert, start, input) = await run.Delegation.ReturnToParentAsync(request, result, parentRef).ConfigureAwait(false);
                    chain = chain.Parent();
                    continue;
                }

                await run.Session.FinishJobAsync(job with { TotalSteps = result.StepNumber, Usage = result.Usage }, result.Status).ConfigureAwait(false);
                return result;
            }
        }
        catch (Exception)
        {
            // Cancelled, or an error outside a pass (a skill that cannot start, a broken delegation): never left running.
            await run.Session.FinishJobAsync(await run.Session.CurrentAsync(job).ConfigureAwait(false), CheckpointStatus.StoppedByError).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The first checkpoint of a continuation: a new checkpoint of ours, so fields another writer added to the stored
    /// one are not carried on; a seed-written delegate's <c>delegatedBy</c> gets the <c>runId</c> today's schema
    /// requires (the seed ran delegates under their parent's run, so that is the checkpoint's own).
    /// </summary>
    private static Checkpoint ContinueFrom(Checkpoint continued) => continued with
    {
        Id = CheckpointId.New(),
        StepNumber = continued.StepNumber + 1,
        Sequence = null,
        ParentCheckpointId = continued.Id,
        DelegatedBy = continued.DelegatedBy is { RunId: null } by ? by with { RunId = continued.RunId } : continued.DelegatedBy,
        UnknownFields = null,
    };

    internal static Checkpoint Fresh(JobId jobId, Expert expert, long stepNumber, Usage usage, DelegatedBy? delegatedBy, JobRunRequest request) => new()
    {
        Id = CheckpointId.New(),
        JobId = jobId,
        RunId = RunId.New(),
        Status = CheckpointStatus.Init,
        StepNumber = stepNumber,
        Messages = [],
        Expert = new ExpertRef { Key = expert.Key, Name = expert.Name, Version = expert.Version },
        Usage = usage,
        DelegatedBy = delegatedBy,
        RetryCount = 0,
        ContextWindow = KnownModels.ContextWindow(request.Model.Provider, request.Model.Model),
        ContextWindowUsage = KnownModels.ContextWindow(request.Model.Provider, request.Model.Model) is null ? null : 0,
    };

    private static void ValidateInput(JobRunRequest request)
    {
        var status = request.ContinueFrom?.Status;
        bool waitsForAnswer = status is CheckpointStatus.StoppedByInteractiveTool or CheckpointStatus.StoppedByDelegate;
        if (waitsForAnswer && request.Input.InteractiveToolCallResult is null)
        {
            // The reference's words first (scripts match them), then what to do.
            var waitingFor = status == CheckpointStatus.StoppedByDelegate
                ? $"stopped to delegate to {string.Join(", ", (request.ContinueFrom!.DelegateTo ?? []).Select(t => t.Expert.Key))}"
                : $"waits for the answer to {string.Join(", ", (request.ContinueFrom!.PendingToolCalls ?? []).Select(c => c.ToolName))}";
            throw new PerstackException(
                $"Interactive tool call result is undefined: checkpoint {request.ContinueFrom!.Id} {waitingFor}; "
                + "answer it with -i \"<text>\", or resume from another checkpoint with --resume-from <checkpointId>");
        }

        if (!waitsForAnswer && string.IsNullOrEmpty(request.Input.Text))
        {
            throw new PerstackException(request.Input.InteractiveToolCallResult is null
                ? "Input message is undefined"
                : "The checkpoint is not waiting for an interactive answer; run without -i to send a new query");
        }
    }

    internal static Expert Find(IReadOnlyDictionary<string, Expert> experts, string key) =>
        experts.TryGetValue(key, out var expert) ? expert : throw new PerstackException($"Expert \"{key}\" not found in perstack.toml");

    /// <summary>One run's stores and the objects over them.</summary>
    private sealed record RunParts(ICheckpointStore Checkpoints, EventClock Clock, JobSession Session, DelegationRunner Delegation);
}
