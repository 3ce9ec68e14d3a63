using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Providers;
using Perstack.Core.Secrets;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Core.Telemetry;

namespace Perstack.Core.Runtime;

/// <summary>
/// One pass of the state machine: an expert runs from a checkpoint until it stops. Events are emitted in the
/// reference's order; a checkpoint is stored before the event that carries it. Every failure other than the
/// caller's cancellation ends in a <c>stopRunByError</c> stop, so a pass always ends with a stored checkpoint.
/// </summary>
internal sealed partial class ExpertRun
{
    private const string BaseSkillName = "@perstack/base";
    private const string CompletionTool = "attemptCompletion";

    /// <summary>How long a tool call past its timeout gets to stop after it is told to.</summary>
    private static readonly TimeSpan ToolStopGrace = TimeSpan.FromSeconds(2);

    private readonly RunPass _pass;
    private readonly RunServices _services;
    private readonly ModelCaller _model;
    private ToolRouter _router = null!;
    private Checkpoint _checkpoint;
    private IReadOnlyList<Message> _consistentMessages;
    private Step _step;
    private ToolResult? _completionResult;
    private Activity? _stepSpan;
    private Checkpoint? _endedStep;

    public ExpertRun(RunPass pass, RunServices services, IChatClient chat)
    {
        _pass = pass;
        _services = services;
        _model = new ModelCaller(chat, pass.Model.Temperature, pass.Model.Reasoning, services.Secrets);
        _checkpoint = pass.Start with { RunId = pass.RunId };
        _consistentMessages = _checkpoint.Messages;
        _step = new Step { StepNumber = _checkpoint.StepNumber, NewMessages = [], Usage = Usage.Empty };
    }

    /// <summary>
    /// Runs the pass; returns the stored final checkpoint. Throws only <see cref="OperationCanceledException"/> and
    /// <see cref="StoreWriteException"/> (the history cannot be written, so not this error either).
    /// </summary>
    public async Task<Checkpoint> RunAsync(CancellationToken cancellationToken)
    {
        var state = RunState.Init;
        try
        {
            _router = await ToolRouter.CreateAsync(_pass.Skills, cancellationToken).ConfigureAwait(false);
            while (state != RunState.Stopped)
            {
                // The step span opens here, in this method, so that it is the current span of the model and tool calls.
                _stepSpan ??= RuntimeTelemetry.StartStep(_checkpoint.JobId, _pass.RunId, _checkpoint.Expert.Key, _checkpoint.StepNumber);
                state = await StepAsync(state, cancellationToken).ConfigureAwait(false);
                if (state == RunState.PreparingForStep && _stepSpan is not null && _endedStep is { } ended)
                {
                    RuntimeTelemetry.End(_stepSpan, ended);
                    _stepSpan = null;
                    _endedStep = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopByErrorAsync(new CheckpointError { Name = "Cancelled", Message = "The run was cancelled", IsRetryable = true }).ConfigureAwait(false);
            RuntimeTelemetry.End(_stepSpan, _checkpoint);
            throw;
        }
        catch (Exception e) when (e is not StoreWriteException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var error = ToError(e);
            await StopByErrorAsync(error with { Message = Secrets.Redact(error.Message) }).ConfigureAwait(false);
        }
        catch (StoreWriteException e)
        {
            RuntimeTelemetry.Fail(_stepSpan, e);
            throw;
        }

        RuntimeTelemetry.End(_stepSpan, _checkpoint);
        return _checkpoint;
    }

    private Task<RunState> StepAsync(RunState state, CancellationToken cancellationToken) => state switch
    {
        RunState.Init => InitAsync(),
        RunState.PreparingForStep => PrepareForStepAsync(),
        RunState.GeneratingToolCall => GenerateToolCallAsync(cancellationToken),
        RunState.CallingTool => CallToolsAsync(cancellationToken),
        RunState.ResolvingToolResult => ResolveToolResultsAsync(),
        RunState.GeneratingRunResult => GenerateRunResultAsync(cancellationToken),
        RunState.CallingInteractiveTool => StopAsync(CheckpointStatus.StoppedByInteractiveTool, delegateTo: null),
        RunState.CallingDelegate => StopForDelegatesAsync(),
        RunState.FinishingStep => FinishStepAsync(),
        _ => throw new InvalidOperationException($"No transition from {state}"),
    };

    private async Task<RunState> InitAsync()
    {
        var start = _checkpoint;
        IReadOnlyList<Message> inputMessages;
        var pending = start.PendingToolCalls;
        var partial = start.PartialToolResults;
        switch (start.Status)
        {
            case CheckpointStatus.Init:
                var text = _pass.Input.Text ?? throw new PerstackException("Input message is undefined");
                inputMessages =
                [
                    Secrets.Redact(InstructionMessageBuilder.Build(_pass.Expert, _pass.Delegates, _pass.StartedAt, _pass.WorkingDirectory)),
                    MessageFactory.User(Secrets.Redact(text)),
                ];
                break;
            case CheckpointStatus.StoppedByInteractiveTool or CheckpointStatus.StoppedByDelegate:
                var answer = _pass.Input.InteractiveToolCallResult ?? throw new PerstackException("Interactive tool call result is undefined");
                var call = pending?.FirstOrDefault(c => c.Id == answer.ToolCallId);
                var skillName = answer.SkillName is { Length: > 0 } named ? named
                    : call?.SkillName ?? DelegateAnswered(start, answer.ToolCallId)?.Expert.Key ?? "";
                var result = new ToolResult { Id = answer.ToolCallId, SkillName = skillName, ToolName = answer.ToolName, Result = [MessageFactory.Text(Secrets.Redact(answer.Text))] };
                partial = [.. partial ?? [], result];
                var remaining = (pending ?? []).Where(c => c.Id != answer.ToolCallId).ToList();
                pending = remaining.Count == 0 ? null : remaining;
                inputMessages = [];
                break;
            default:
                inputMessages = [MessageFactory.User(Secrets.Redact(_pass.Input.Text ?? throw new PerstackException("Input message is undefined")))];
                break;
        }

        await EmitAsync(new StartRunEvent { InitialCheckpoint = start, InputMessages = inputMessages }).ConfigureAwait(false);
        _checkpoint = start with
        {
            Status = CheckpointStatus.Proceeding,
            Messages = [.. start.Messages, .. inputMessages],
            PendingToolCalls = pending,
            PartialToolResults = partial,
            DelegateTo = null,
            Error = null,
            ContextWindow = start.ContextWindow ?? KnownModels.ContextWindow(_pass.Model.Provider, _pass.Model.Model),
        };
        _consistentMessages = _checkpoint.Messages;
        _step = _step with { InputMessages = inputMessages, StartedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        return RunState.PreparingForStep;
    }

    private async Task<RunState> PrepareForStepAsync()
    {
        if (_checkpoint.PendingToolCalls is { Count: > 0 } pending)
        {
            var partial = _checkpoint.PartialToolResults ?? [];
            await EmitAsync(new ResumeToolCallsEvent { PendingToolCalls = pending, PartialToolResults = partial }).ConfigureAwait(false);
            _step = _step with { ToolResults = partial, PendingToolCalls = pending };
            return RunState.CallingTool;
        }

        if (_checkpoint.PartialToolResults is { Count: > 0 } results)
        {
            var toolMessage = MessageFactory.ToolMessage(results);
            await EmitAsync(new FinishAllToolCallsEvent { NewMessages = [toolMessage] }).ConfigureAwait(false);
            _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, toolMessage], PendingToolCalls = null, PartialToolResults = null };
            _consistentMessages = _checkpoint.Messages;
            _step = _step with { NewMessages = [.. _step.NewMessages, toolMessage] };
            return RunState.FinishingStep;
        }

        await EmitAsync(new StartGenerationEvent { Messages = _checkpoint.Messages }).ConfigureAwait(false);
        _step = _step with { Usage = Usage.Empty, StartedAt = _services.Clock.Now.ToUnixTimeMilliseconds() };
        return RunState.GeneratingToolCall;
    }

    private async Task<RunState> GenerateToolCallAsync(CancellationToken cancellationToken)
    {
        var reply = await _model.CallWithToolsAsync(_checkpoint.Messages, _router, LiveRelay(runResult: false), cancellationToken).ConfigureAwait(false);
        AddUsage(reply.Usage);
        if (reply.Calls.Count == 0 || reply.LengthLimited)
        {
            var (error, message) = reply.LengthLimited
                ? ("Error: Tool call generation failed", "Generation length exceeded. Try again.")
                : ("Error: No tool call generated", "You must generate a tool call. Try again.");
            return await RetryAsync(error, message, reply.Usage).ConfigureAwait(false);
        }

        var calls = reply.Calls.OrderBy(c => KindOf(c) switch { SkillKind.Mcp => 0, SkillKind.Delegate => 1, _ => 2 }).ToList();
        var newMessage = MessageFactory.Expert(reply.Thinking, calls, reply.Text);
        _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, newMessage], RetryCount = 0 };
        _step = _step with { NewMessages = [.. _step.NewMessages, newMessage], ToolCalls = calls };
        await EmitAsync(new CallToolsEvent { NewMessage = newMessage, ToolCalls = calls, Usage = reply.Usage }).ConfigureAwait(false);
        return RunState.CallingTool;
    }

    private async Task<RunState> RetryAsync(string error, string message, Usage usage)
    {
        int retries = (int)(_checkpoint.RetryCount ?? 0) + 1;
        if (retries > _pass.Model.MaxRetries)
        {
            await StopByErrorAsync(new CheckpointError { Name = "MaxRetriesExceeded", Message = $"Max retries ({_pass.Model.MaxRetries}) exceeded: {message}" }).ConfigureAwait(false);
            return RunState.Stopped;
        }

        var reason = MessageFactory.ErrorJson(error, message);
        var retryMessage = MessageFactory.User(reason);
        _checkpoint = _checkpoint with { Messages = [.. _checkpoint.Messages, retryMessage], RetryCount = retries };
        _consistentMessages = _checkpoint.Messages;
        _step = _step with { NewMessages = [.. _step.NewMessages, retryMessage] };
        await EmitAsync(new RetryEvent { Reason = reason, NewMessages = [retryMessage], Usage = usage }).ConfigureAwait(false);
        return RunState.FinishingStep;
    }

    private SecretRedactor Secrets => _services.Secrets;

    private SkillKind KindOf(ToolCall call) => _router.Find(call.ToolName)?.Kind ?? SkillKind.Mcp;

    private string DelegateKey(ToolCall call) => _pass.Delegates.FirstOrDefault(d => d.Name == call.SkillName)?.Key ?? call.ToolName;

    private void AddUsage(Usage usage)
    {
        var total = _checkpoint.Usage.Add(usage);
        double? windowUsage = _checkpoint.ContextWindow is > 0 and var window
            ? (double)(usage.InputTokens + usage.CachedInputTokens + usage.OutputTokens) / window
            : _checkpoint.ContextWindowUsage;
        _checkpoint = _checkpoint with { Usage = total, ContextWindowUsage = windowUsage };
        _step = _step with { Usage = _step.Usage.Add(usage) };
    }

    private static CheckpointError ToError(Exception e) => e switch
    {
        LlmCallFailedException llm => new CheckpointError { Name = llm.Name, Message = llm.Message, StatusCode = llm.StatusCode, IsRetryable = llm.IsRetryable },
        DelegationStoppedException refused => new CheckpointError { Name = refused.ErrorName, Message = refused.Message },
        PerstackException p => new CheckpointError { Name = "RunError", Message = p.Message },
        _ => new CheckpointError { Name = e.GetType().Name, Message = e.Message.ReplaceLineEndings(" ") },
    };

    private static bool HasRemainingTodos(ToolResult result)
    {
        foreach (var part in result.Result.OfType<TextPart>())
        {
            try
            {
                using var json = JsonDocument.Parse(part.Text);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("remainingTodos", out var todos)
                    && todos.ValueKind == JsonValueKind.Array && todos.GetArrayLength() > 0)
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                // Not JSON: no todos.
            }
        }

        return false;
    }

    /// <summary>The delegation a delegate's answer (or a hand-typed one) belongs to: by tool call id, else the first.</summary>
    private static DelegationTarget? DelegateAnswered(Checkpoint start, string toolCallId) =>
        start.DelegateTo is { Count: > 0 } targets ? targets.FirstOrDefault(t => t.ToolCallId == toolCallId) ?? targets[0] : null;

    private static bool IsCompletion(ToolCall call) => call.ToolName == CompletionTool && call.SkillName == BaseSkillName;
}
