using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Runtime;

/// <summary>Delegation: running a reply's delegates (in parallel, bounded) and resuming their parent with the answers.</summary>
public sealed partial class JobRunner
{
    private async Task<(Checkpoint? Stop, IReadOnlyList<(Checkpoint? Child, string Answer)> Results)> RunDelegatesAsync(
        ChainContext context, Checkpoint parent, IReadOnlyList<DelegationTarget> targets)
    {
        using var slots = new SemaphoreSlim(MaxParallelDelegates, MaxParallelDelegates);
        var runs = targets.Select(async target =>
        {
            await slots.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            try
            {
                var child = Find(context.Request.Experts, target.Expert.Key);
                var delegatedBy = new DelegatedBy { Expert = parent.Expert, ToolCallId = target.ToolCallId, ToolName = target.ToolName, CheckpointId = parent.Id, RunId = parent.RunId };
                var start = Fresh(context.Request.JobId, child, parent.StepNumber + 1, parent.Usage, delegatedBy, context.Request);
                var result = await RunChainAsync(context, child, start, new RunInput { Text = target.Query }).ConfigureAwait(false);
                return (Child: (Checkpoint?)result, Answer: AnswerOf(target, result));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failing delegate is reported to its parent, which decides what to do; the job goes on.
                return (Child: (Checkpoint?)null, Answer: $"Delegate \"{target.Expert.Key}\" failed: {e.Message.ReplaceLineEndings(" ")}");
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(runs).ConfigureAwait(false);

        // The job-wide step limit stops everything; a single delegate waiting for a person stops the job for it.
        var stop = results.Select(r => r.Child).FirstOrDefault(c => c?.Status == CheckpointStatus.StoppedByExceededMaxSteps)
            ?? (targets.Count == 1 && results[0].Child?.Status == CheckpointStatus.StoppedByInteractiveTool ? results[0].Child : null);
        return (stop, results);
    }

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

    private async Task<(Expert Expert, Checkpoint Start, RunInput Input)> ReturnToParentAsync(JobRunRequest request, Checkpoint child, DelegatedBy parentRef)
    {
        var parent = await _checkpoints.GetAsync(request.JobId, parentRef.CheckpointId).ConfigureAwait(false)
            ?? throw new PerstackException($"Delegation error: parent checkpoint {parentRef.CheckpointId} not found");
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
        return (Find(request.Experts, parent.Expert.Key), start, new RunInput { InteractiveToolCallResult = answer });
    }
}
