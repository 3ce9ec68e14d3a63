using System.Diagnostics;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Secrets;
using Perstack.Core.Skills;
using Perstack.Core.Telemetry;

namespace Perstack.Core.Runtime;

/// <summary>The tool-calling and stopping states of <see cref="ExpertRun"/>.</summary>
internal sealed partial class ExpertRun
{
    private async Task<RunState> CallToolsAsync(CancellationToken cancellationToken)
    {
        var work = _step.PendingToolCalls ?? _step.ToolCalls ?? [];
        if (work.FirstOrDefault(IsCompletion) is { } completion)
        {
            // attemptCompletion short-circuits the reply: other calls of the same reply are dropped, as in the reference.
            var result = await ExecuteAsync(completion, cancellationToken).ConfigureAwait(false);
            if (HasRemainingTodos(result))
            {
                _step = _step with { ToolResults = [result] };
                await EmitAsync(new ResolveToolResultsEvent { ToolResults = [result] }).ConfigureAwait(false);
                return RunState.ResolvingToolResult;
            }

            _completionResult = result;
            await EmitAsync(new AttemptCompletionEvent { ToolResult = result }).ConfigureAwait(false);
            return RunState.GeneratingRunResult;
        }

        var mcpCalls = work.Where(c => KindOf(c) == SkillKind.Mcp).ToList();
        var executed = await Task.WhenAll(mcpCalls.Select(c => ExecuteAsync(c, cancellationToken))).ConfigureAwait(false);
        var results = (_step.ToolResults ?? []).Concat(executed).ToList();
        var delegations = work.Where(c => KindOf(c) == SkillKind.Delegate).ToList();
        if (delegations.Count > 0 && _pass.Steps.Exhausted)
        {
            // This is the job's last step: its delegates cannot run, so they answer at once and the step finishes
            // (and stops at the limit) with a conversation that can be continued.
            results.AddRange(delegations.Select(c => MessageFactory.TextResult(c, _pass.Steps.DelegationNotRun(DelegateKey(c)))));
            delegations = [];
        }

        var deferred = delegations.Concat(work.Where(c => KindOf(c) == SkillKind.Interactive)).ToList();
        if (deferred.Count == 0)
        {
            _step = _step with { ToolResults = results, PendingToolCalls = null };
            await EmitAsync(new ResolveToolResultsEvent { ToolResults = results }).ConfigureAwait(false);
            return RunState.ResolvingToolResult;
        }

        _step = _step with { PartialToolResults = results, PendingToolCalls = deferred };
        var lastMessage = _checkpoint.Messages[^1];
        if (KindOf(deferred[0]) == SkillKind.Delegate)
        {
            var delegateCalls = deferred.Where(c => KindOf(c) == SkillKind.Delegate).ToList();
            await EmitAsync(CallDelegateEvent.For(lastMessage, delegateCalls, _step.Usage)).ConfigureAwait(false);
            return RunState.CallingDelegate;
        }

        await EmitAsync(new CallInteractiveToolEvent { NewMessage = lastMessage, ToolCall = deferred[0], Usage = _step.Usage }).ConfigureAwait(false);
        return RunState.CallingInteractiveTool;
    }

    /// <summary>Runs one tool call; what it returns is redacted before the run keeps it or the model sees it.</summary>
    private async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken)
    {
        using var span = RuntimeTelemetry.StartToolCall(call);
        long started = Stopwatch.GetTimestamp();
        var result = await CallAsync(call, cancellationToken).ConfigureAwait(false);
        RuntimeTelemetry.RecordToolCall(call.ToolName, Stopwatch.GetElapsedTime(started));
        var parts = Secrets.Redact(result.Result);
        if (_services.TelemetryCapturesContent)
        {
            RuntimeTelemetry.RecordToolContent(span, Secrets.Redact(call.Args).GetRawText(), parts);
        }

        return ReferenceEquals(parts, result.Result) ? result : result with { Result = parts };
    }

    private async Task<ToolResult> CallAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var skill = _router.Find(call.ToolName);
        if (skill is null)
        {
            return MessageFactory.TextResult(call, $"Error calling tool {call.ToolName}: Tool {call.ToolName} not found");
        }

        var limit = skill.CallTimeout(call.ToolName, call.Args) ?? _pass.Limits.ToolTimeout;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Off the state machine's thread, and abandoned on cancellation or past its limit: an in-process tool can block
        // its thread in a system call no token reaches (open(2) of a FIFO), and a stop must not wait for it.
        var running = Task.Run(() => skill.CallToolAsync(call.ToolName, call.Args, watchdog.Token), CancellationToken.None);
        try
        {
            var parts = await running.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            return parts.Count == 0
                ? MessageFactory.TextResult(call, $"Tool {call.ToolName} returned nothing with arguments: {call.Args.GetRawText()}")
                : new ToolResult { Id = call.Id, SkillName = call.SkillName, ToolName = call.ToolName, Result = parts };
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            // Past its limit the call is told to stop (an exec kills its process tree, an MCP server is sent a
            // cancellation) and gets a moment to do so; the model gets the error either way, never a hang.
            await watchdog.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(running, Task.Delay(ToolStopGrace, CancellationToken.None)).ConfigureAwait(false);
            ObserveAbandoned(running);
            return MessageFactory.TextResult(call, $"Error calling tool {call.ToolName}: the call did not finish within {(long)limit.TotalMilliseconds} ms (toolTimeout) and was stopped");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stop reaches the tool too (an exec kills its process tree): this frame can leave, and dispose the
            // linked source, before that source heard of the cancellation.
            await watchdog.CancelAsync().ConfigureAwait(false);
            ObserveAbandoned(running);
            throw;
        }
        catch (Exception e)
        {
            // A failing skill is the model's problem to handle, not a reason to kill the run.
            return MessageFactory.TextResult(call, $"Error calling tool {call.ToolName}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>A call left running (past its limit, or on a stop) may still fail later: its error is observed, not raised.</summary>
    private static void ObserveAbandoned(Task running) =>
        _ = running.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task<RunState> ResolveToolResultsAsync()
    {
        var toolMessage = MessageFactory.ToolMessage(_step.ToolResults ?? []);
        _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, toolMessage] };
        _consistentMessages = _checkpoint.Messages;
        _step = _step with { NewMessages = [.. _step.NewMessages, toolMessage] };
        await EmitAsync(new FinishToolCallEvent { NewMessages = [toolMessage] }).ConfigureAwait(false);
        return RunState.FinishingStep;
    }

    private async Task<RunState> GenerateRunResultAsync(CancellationToken cancellationToken)
    {
        var toolMessage = MessageFactory.ToolMessage([_completionResult!]);
        _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, toolMessage] };
        _consistentMessages = _checkpoint.Messages;
        _step = _step with { NewMessages = [.. _step.NewMessages, toolMessage], ToolResults = [_completionResult!] };

        var (text, thinking, usage) = await _model.CallForResultAsync(_checkpoint.Messages, LiveRelay(runResult: true), cancellationToken).ConfigureAwait(false);
        AddUsage(usage);
        var answer = MessageFactory.Expert(thinking, [], text);
        _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, answer], Status = CheckpointStatus.Completed, RetryCount = 0 };
        _step = _step with { NewMessages = [.. _step.NewMessages, answer], FinishedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        await StoreCheckpointAsync().ConfigureAwait(false);
        await EmitAsync(new CompleteRunEvent { Checkpoint = _checkpoint, Step = _step, Text = text, Usage = usage }).ConfigureAwait(false);
        return RunState.Stopped;
    }

    private async Task<RunState> StopForDelegatesAsync()
    {
        var targets = new List<DelegationTarget>();
        foreach (var call in (_step.PendingToolCalls ?? []).Where(c => KindOf(c) == SkillKind.Delegate))
        {
            var delegateExpert = _pass.Delegates.FirstOrDefault(d => d.Name == call.SkillName)
                ?? throw new PerstackException($"Delegation error: skill manager \"{call.SkillName}\" not found");
            var query = call.Args.ValueKind == System.Text.Json.JsonValueKind.Object
                && call.Args.TryGetProperty("query", out var q) && q.ValueKind == System.Text.Json.JsonValueKind.String
                ? q.GetString()!
                : throw new PerstackException("Delegation error: query is undefined");
            var target = new DelegationTarget
            {
                Expert = new ExpertRef { Key = delegateExpert.Key, Name = delegateExpert.Name, Version = delegateExpert.Version },
                ToolCallId = call.Id,
                ToolName = call.ToolName,
                Query = query,
            };
            if (_pass.Delegation.Refusal(target, _pass.Limits.MaxDelegationDepth) is { } refusal)
            {
                throw refusal;
            }

            targets.Add(target);
        }

        return await StopAsync(CheckpointStatus.StoppedByDelegate, targets).ConfigureAwait(false);
    }

    private async Task<RunState> StopAsync(CheckpointStatus status, IReadOnlyList<DelegationTarget>? delegateTo)
    {
        _checkpoint = _checkpoint with
        {
            Status = status,
            PendingToolCalls = _step.PendingToolCalls,
            PartialToolResults = _step.PartialToolResults,
            DelegateTo = delegateTo,
        };
        _step = _step with { FinishedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        await StoreCheckpointAsync().ConfigureAwait(false);
        RunEvent stop = status == CheckpointStatus.StoppedByDelegate
            ? new StopRunByDelegateEvent { Checkpoint = _checkpoint, Step = _step }
            : new StopRunByInteractiveToolEvent { Checkpoint = _checkpoint, Step = _step };
        await EmitAsync(stop).ConfigureAwait(false);
        return RunState.Stopped;
    }

    private async Task<RunState> FinishStepAsync()
    {
        _step = _step with { FinishedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        if (!_pass.Steps.TryStart())
        {
            _checkpoint = _checkpoint with { Status = CheckpointStatus.StoppedByExceededMaxSteps };
            await StoreCheckpointAsync().ConfigureAwait(false);
            await EmitAsync(new StopRunByExceededMaxStepsEvent { Checkpoint = _checkpoint, Step = _step }).ConfigureAwait(false);
            return RunState.Stopped;
        }

        await StoreCheckpointAsync().ConfigureAwait(false);
        _endedStep = _checkpoint;
        var next = _checkpoint with { Id = CheckpointId.New(), StepNumber = _checkpoint.StepNumber + 1, Sequence = null, ParentCheckpointId = _checkpoint.Id };
        await EmitAsync(new ContinueToNextStepEvent { Checkpoint = _checkpoint, Step = _step, NextCheckpoint = next }).ConfigureAwait(false);
        _checkpoint = next;
        _step = new Step { StepNumber = next.StepNumber, InputMessages = [], NewMessages = [], Usage = Usage.Empty, StartedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        return RunState.PreparingForStep;
    }

    /// <summary>Stores the checkpoint as <c>stoppedByError</c>, with the conversation as of its last consistent point.</summary>
    private async Task StopByErrorAsync(CheckpointError error)
    {
        _checkpoint = _checkpoint with
        {
            Status = CheckpointStatus.StoppedByError,
            Error = error,
            Messages = _consistentMessages,
            PendingToolCalls = null,
            PartialToolResults = null,
            DelegateTo = null,
        };
        _step = _step with { FinishedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        await StoreCheckpointAsync().ConfigureAwait(false);
        await EmitAsync(new StopRunByErrorEvent { Checkpoint = _checkpoint, Step = _step, Error = error }).ConfigureAwait(false);
    }

    private async Task StoreCheckpointAsync()
    {
        // Writes are never cancelled half-way: a cancelled run still leaves a valid, continuable checkpoint.
        _checkpoint = await _services.Checkpoints.SaveAsync(_checkpoint, CancellationToken.None).ConfigureAwait(false);
        _stepSpan?.SetTag("perstack.checkpoint.id", _checkpoint.Id.Value);
        RuntimeTelemetry.RecordStep(_checkpoint.Expert.Key, _checkpoint.Status, _step.Usage);
        await _services.OnCheckpointStored(_checkpoint).ConfigureAwait(false);
    }

    private async Task EmitAsync(RunEvent runEvent)
    {
        var stamped = runEvent with
        {
            Id = IdGenerator.Next(),
            ExpertKey = _checkpoint.Expert.Key,
            Timestamp = _services.Clock.Next(),
            JobId = _checkpoint.JobId,
            RunId = _pass.RunId,
            StepNumber = _checkpoint.StepNumber,
        };
        await _services.Sink.OnRunEventAsync(stamped, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The relay of this call's streamed output, when the run's sink listens live (the TUI); else null (no streaming).</summary>
    private LiveStreamRelay? LiveRelay(bool runResult)
    {
        var live = _services.Sink switch
        {
            ILiveStreamSink sink => sink,
            StoringEventSink storing => storing.Live,
            _ => null,
        };
        var checkpoint = _checkpoint;
        return live is null
            ? null
            : new LiveStreamRelay(live, (kind, text) => new LiveStreamEvent(checkpoint.JobId, checkpoint.RunId, checkpoint.Expert.Key, checkpoint.StepNumber, kind, text), runResult, Secrets);
    }
}
