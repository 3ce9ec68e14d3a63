using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Secrets;
using Perstack.Core.Storage;
using Perstack.Core.Telemetry;

namespace Perstack.Core.Runtime;

/// <summary>
/// Delegation: an expert's chain of passes, a reply's delegates run (in parallel, bounded) as chains of their own,
/// the parent resumed with their answers, and a delegate continued on its own returned to its parent.
/// </summary>
internal sealed class DelegationRunner
{
    private readonly ICheckpointStore _checkpoints;
    private readonly PassRunner _passes;

    /// <param name="checkpoints">Where a returning delegate finds its parent's checkpoint.</param>
    /// <param name="passes">Runs each pass of a chain.</param>
    public DelegationRunner(ICheckpointStore checkpoints, PassRunner passes)
    {
        _checkpoints = checkpoints;
        _passes = passes;
    }

    /// <summary>
    /// Runs an expert until it stops for a reason other than delegation: its delegates (all of one reply, in
    /// parallel) run as chains of their own, and it resumes with their answers.
    /// </summary>
    public async Task<Checkpoint> RunChainAsync(ChainContext context, Expert expert, Checkpoint start, RunInput input, DelegationChain chain)
    {
        // The caller counted the chain's first step; each resumption after delegates is a step of its own.
        while (true)
        {
            var result = await _passes.RunAsync(context, expert, start, input, chain).ConfigureAwait(false);
            if (result.Status != CheckpointStatus.StoppedByDelegate || result.DelegateTo is not { Count: > 0 } targets)
            {
                return result;
            }

            var children = await RunDelegatesAsync(context, result, targets, chain).ConfigureAwait(false);
            if (children.Stop is { } stop)
            {
                return stop;
            }

            (start, input) = ResumeWithAnswers(result, targets, children.Results);
            context.Steps.Start();
        }
    }

    private async Task<(Checkpoint? Stop, IReadOnlyList<(Checkpoint? Child, string Answer)> Results)> RunDelegatesAsync(
        ChainContext context, Checkpoint parent, IReadOnlyList<DelegationTarget> targets, DelegationChain chain)
    {
        using var slots = new SemaphoreSlim(JobRunner.MaxParallelDelegates, JobRunner.MaxParallelDelegates);
        var runs = targets.Select(async target =>
        {
            await slots.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            try
            {
                if (!context.Steps.TryStart())
                {
                    // Siblings used the job's last steps: this delegate never starts, and its parent is told why.
                    return (Child: (Checkpoint?)null, Answer: context.Steps.DelegationNotRun(target.Expert.Key));
                }

                var result = await RunDelegateAsync(context, parent, target, chain).ConfigureAwait(false);
                return (Child: (Checkpoint?)result, Answer: AnswerOf(target, result));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failing delegate is reported to its parent, which decides what to do; the job goes on.
                return (Child: (Checkpoint?)null, Answer: context.Request.Secrets.Redact($"Delegate \"{target.Expert.Key}\" failed: {e.Message.ReplaceLineEndings(" ")}"));
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(runs).ConfigureAwait(false);

        // The job-wide step limit and a refused delegation (too deep, or a cycle) stop everything; a single delegate
        // waiting for a person stops the job for it.
        var stop = results.Select(r => r.Child).FirstOrDefault(StopsTheJob)
            ?? (targets.Count == 1 && results[0].Child?.Status == CheckpointStatus.StoppedByInteractiveTool ? results[0].Child : null);
        return (stop, results);
    }

    private async Task<Checkpoint> RunDelegateAsync(ChainContext context, Checkpoint parent, DelegationTarget target, DelegationChain chain)
    {
        var span = RuntimeTelemetry.StartDelegation(context.Request.JobId, target, parent.Expert.Key, parent.Id);
        try
        {
            var child = JobRunner.Find(context.Request.Experts, target.Expert.Key);
            var delegatedBy = new DelegatedBy { Expert = parent.Expert, ToolCallId = target.ToolCallId, ToolName = target.ToolName, CheckpointId = parent.Id, RunId = parent.RunId };
            var start = JobRunner.Fresh(context.Request.JobId, child, parent.StepNumber + 1, parent.Usage, delegatedBy, context.Request);
            var result = await RunChainAsync(context, child, start, new RunInput { Text = target.Query }, chain.Then(child.Key, target.Query)).ConfigureAwait(false);
            RuntimeTelemetry.End(span, result);
            return result;
        }
        catch (Exception e)
        {
            RuntimeTelemetry.Fail(span, e);
            throw;
        }
    }

    private static bool StopsTheJob(Checkpoint? child) =>
        child?.Status == CheckpointStatus.StoppedByExceededMaxSteps
        || (child?.Status == CheckpointStatus.StoppedByError && DelegationStoppedException.StopsTheJob(child.Error));

    private static string AnswerOf(DelegationTarget target, Checkpoint result) => result.Status switch
    {
        CheckpointStatus.Completed when FinalText(result) is { } text => text,
        CheckpointStatus.Completed => "",
        CheckpointStatus.StoppedByError => $"Delegate \"{target.Expert.Key}\" failed: {result.Error?.Message}",
        CheckpointStatus.StoppedByInteractiveTool => $"Delegate \"{target.Expert.Key}\" stopped: it asked for user input, which parallel delegation cannot give",
        _ => $"Delegate \"{target.Expert.Key}\" stopped: {result.Status}",
    };

    private static string? FinalText(Checkpoint checkpoint) =>
        checkpoint.Messages.Count > 0 && checkpoint.Messages[^1] is ExpertMessage last && last.Contents.OfType<TextPart>().LastOrDefault() is { } part
            ? part.Text
            : null;

    /// <summary>
    /// The parent resumes after all its delegates: step = the furthest child's + 1, usage = its own plus what each
    /// child spent (children start from the parent's running total, so only their increments are added).
    /// </summary>
    private static (Checkpoint Start, RunInput Input) ResumeWithAnswers(
        Checkpoint parent, IReadOnlyList<DelegationTarget> targets, IReadOnlyList<(Checkpoint? Child, string Answer)> results)
    {
        var usage = parent.Usage;
        long step = parent.StepNumber;
        foreach (var (child, _) in results)
        {
            if (child is not null)
            {
                usage = usage.Add(child.Usage.Since(parent.Usage));
                step = Math.Max(step, child.StepNumber);
            }
        }

        var others = targets.Skip(1).Select((t, i) => new ToolResult
        {
            Id = t.ToolCallId,
            SkillName = t.Expert.Key,
            ToolName = t.ToolName,
            Result = [MessageFactory.Text(results[i + 1].Answer)],
        }).ToList();
        var answeredLater = others.Select(o => o.Id).ToHashSet();
        var start = parent with
        {
            Id = CheckpointId.New(),
            StepNumber = step + 1,
            Usage = usage,
            Sequence = null,
            ParentCheckpointId = parent.Id,
            PendingToolCalls = parent.PendingToolCalls?.Where(c => !answeredLater.Contains(c.Id)).ToList(),
            PartialToolResults = [.. parent.PartialToolResults ?? [], .. others],
        };
        var first = new InteractiveToolCallResult { ToolCallId = targets[0].ToolCallId, ToolName = targets[0].ToolName, SkillName = targets[0].Expert.Key, Text = results[0].Answer };
        return (start, new RunInput { InteractiveToolCallResult = first });
    }

    public async Task<(Expert Expert, Checkpoint Start, RunInput Input)> ReturnToParentAsync(JobRunRequest request, Checkpoint child, DelegatedBy parentRef)
    {
        var stored = await _checkpoints.GetAsync(request.JobId, parentRef.CheckpointId).ConfigureAwait(false)
            ?? throw new PerstackException($"Delegation error: parent checkpoint {parentRef.CheckpointId} not found");
        var parent = request.Secrets.RedactRecord(stored, PerstackJson.Checkpoint);
        var text = FinalText(child) ?? throw new PerstackException("Delegation error: delegation result message does not contain a text");
        var start = parent with
        {
            Id = CheckpointId.New(),
            StepNumber = child.StepNumber + 1,
            Usage = child.Usage,
            Sequence = null,
            ParentCheckpointId = child.Id,
        };
        var skillName = parent.PendingToolCalls?.FirstOrDefault(c => c.Id == parentRef.ToolCallId)?.SkillName ?? child.Expert.Key;
        var answer = new InteractiveToolCallResult { ToolCallId = parentRef.ToolCallId, ToolName = parentRef.ToolName, SkillName = skillName, Text = text };
        return (JobRunner.Find(request.Experts, parent.Expert.Key), start, new RunInput { InteractiveToolCallResult = answer });
    }
}
