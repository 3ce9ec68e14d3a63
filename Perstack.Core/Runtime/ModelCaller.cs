using System.Text;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Skills;

namespace Perstack.Core.Runtime;

/// <summary>Makes the two kinds of model call of a step: with tools (a tool call is required) and the final one without.</summary>
internal sealed class ModelCaller
{
    private readonly IChatClient _chat;
    private readonly double _temperature;
    private readonly ReasoningBudget _reasoning;

    public ModelCaller(IChatClient chat, double temperature, ReasoningBudget reasoning)
    {
        _chat = chat;
        _temperature = temperature;
        _reasoning = reasoning;
    }

    /// <summary>The call that must produce tool calls; <paramref name="live"/> (the TUI) gets its reasoning as it streams.</summary>
    public async Task<ModelReply> CallWithToolsAsync(IReadOnlyList<Message> history, ToolRouter router, LiveStreamRelay? live, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Tools = [.. router.Declarations], ToolMode = ChatToolMode.RequireAny };
        ReasoningRequest.Apply(options, _reasoning, _temperature);
        var response = await GetAsync(history, options, live, cancellationToken).ConfigureAwait(false);
        var calls = new List<ToolCall>();
        var text = new StringBuilder();
        foreach (var content in response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents))
        {
            switch (content)
            {
                case FunctionCallContent call:
                    calls.Add(new ToolCall
                    {
                        Id = string.IsNullOrEmpty(call.CallId) ? "call_" + IdGenerator.Next() : call.CallId,
                        SkillName = router.Find(call.Name)?.Name ?? "",
                        ToolName = call.Name,
                        Args = ChatMessageMapper.FromArguments(call.Arguments),
                    });
                    break;
                case TextContent part:
                    text.Append(part.Text);
                    break;
            }
        }

        return new ModelReply(calls, text.Length == 0 ? null : text.ToString(), ToUsage(response.Usage), response.FinishReason == ChatFinishReason.Length)
        {
            Thinking = ThinkingOf(response),
        };
    }

    /// <summary>The final answer and the reasoning before it; <paramref name="live"/> gets both as they stream.</summary>
    public async Task<(string Text, IReadOnlyList<ThinkingPart> Thinking, Usage Usage)> CallForResultAsync(IReadOnlyList<Message> history, LiveStreamRelay? live, CancellationToken cancellationToken)
    {
        var options = new ChatOptions();
        ReasoningRequest.Apply(options, _reasoning, _temperature);
        var response = await GetAsync(history, options, live, cancellationToken).ConfigureAwait(false);
        return (response.Text, ThinkingOf(response), ToUsage(response.Usage));
    }

    /// <summary>
    /// The reply's reasoning blocks, in order, as thinking parts: Anthropic's thinking with its signature, a redacted
    /// block with its data (kept as is so it can go back), other providers' reasoning text alone.
    /// </summary>
    private static List<ThinkingPart> ThinkingOf(ChatResponse response) =>
        [.. response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).OfType<TextReasoningContent>()
            .Where(r => !string.IsNullOrEmpty(r.Text) || !string.IsNullOrEmpty(r.ProtectedData))
            .Select(r => string.IsNullOrEmpty(r.Text)
                ? new ThinkingPart { Id = IdGenerator.Next(), Thinking = "", RedactedData = r.ProtectedData }
                : new ThinkingPart { Id = IdGenerator.Next(), Thinking = r.Text, Signature = string.IsNullOrEmpty(r.ProtectedData) ? null : r.ProtectedData })];

    /// <summary>
    /// One call. With a live listener the options carry it and <see cref="LiveStreamingChatClient"/> streams the call
    /// beneath the retry and timeout decorators, so retries, timeouts and the response are the same either way.
    /// </summary>
    private async Task<ChatResponse> GetAsync(IReadOnlyList<Message> history, ChatOptions options, LiveStreamRelay? live, CancellationToken cancellationToken)
    {
        if (live is not null)
        {
            (options.AdditionalProperties ??= [])[LiveStreamingChatClient.ObserverKey] = live;
        }

        var response = await _chat.GetResponseAsync(ChatMessageMapper.ToChat(history), options, cancellationToken).ConfigureAwait(false);
        live?.Complete();
        return response;
    }

    private static Usage ToUsage(UsageDetails? usage)
    {
        if (usage is null)
        {
            return Usage.Empty;
        }

        long input = usage.InputTokenCount ?? 0, output = usage.OutputTokenCount ?? 0;
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            ReasoningTokens = usage.ReasoningTokenCount ?? 0,
            TotalTokens = usage.TotalTokenCount ?? input + output,
            CachedInputTokens = usage.CachedInputTokenCount ?? 0,
        };
    }
}
