using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;

namespace Perstack.App.Providers.GeminiApi;

/// <summary>
/// Maps Gemini replies (whole, or chunk by chunk when streamed) to Microsoft.Extensions.AI types: thoughts become
/// <see cref="TextReasoningContent"/>, function calls <see cref="FunctionCallContent"/> (with an id made here when the
/// API sends none, and the thought signature kept in <see cref="GeminiRequestBuilder.ThoughtSignatureKey"/>), and
/// <c>STOP</c> with function calls the tool-calls finish reason.
/// </summary>
internal static class GeminiResponseMapper
{
    public static ChatResponse ToResponse(GeminiResponse response)
    {
        var contents = Contents(response).ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = response.ResponseId })
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelVersion,
            FinishReason = FinishReason(response, contents.OfType<FunctionCallContent>().Any()),
            Usage = Usage(response.UsageMetadata),
            RawRepresentation = response,
        };
    }

    /// <summary>The contents of the first candidate's parts, in order.</summary>
    public static IEnumerable<AIContent> Contents(GeminiResponse response)
    {
        Throw(response.Error);
        foreach (var part in First(response)?.Content?.Parts ?? [])
        {
            switch (part)
            {
                case { FunctionCall: { } call }:
                    var content = ResponseMapper.ToolCall(string.IsNullOrEmpty(call.Id) ? NewCallId() : call.Id, call.Name, call.Args);
                    if (part.ThoughtSignature is { } signature)
                    {
                        (content.AdditionalProperties ??= [])[GeminiRequestBuilder.ThoughtSignatureKey] = signature;
                    }

                    yield return content;
                    break;
                case { Thought: true, Text: { } thought }:
                    yield return new TextReasoningContent(thought) { ProtectedData = part.ThoughtSignature };
                    break;
                case { Text: { Length: > 0 } text }:
                    yield return new TextContent(text);
                    break;
                default:
                    // Empty text (a chunk carrying only a signature), and kinds the runtime has no use for.
                    break;
            }
        }
    }

    /// <summary>The finish reason, or null while a stream is still going.</summary>
    public static ChatFinishReason? FinishReason(GeminiResponse response, bool calledFunctions)
    {
        if (response.PromptFeedback?.BlockReason is not null && response.Candidates is not { Count: > 0 })
        {
            return ChatFinishReason.ContentFilter;
        }

        return First(response)?.FinishReason switch
        {
            null or "" or "FINISH_REASON_UNSPECIFIED" => null,
            "STOP" => calledFunctions ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
            var other => new ChatFinishReason(other.ToLowerInvariant()),
        };
    }

    /// <summary>Output counts the answer and the thoughts, as the other providers' output counts include reasoning.</summary>
    public static UsageDetails? Usage(GeminiUsage? usage) => usage is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = usage.PromptTokenCount,
            OutputTokenCount = usage.CandidatesTokenCount is null && usage.ThoughtsTokenCount is null
                ? null
                : (usage.CandidatesTokenCount ?? 0) + (usage.ThoughtsTokenCount ?? 0),
            ReasoningTokenCount = usage.ThoughtsTokenCount,
            CachedInputTokenCount = usage.CachedContentTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };

    /// <summary>An error chunk of a stream throws, its status named as the Messages API names errors, so it is retried alike.</summary>
    public static void Throw(GeminiError? error)
    {
        if (error is null)
        {
            return;
        }

        var type = error.Status switch
        {
            "RESOURCE_EXHAUSTED" => "rate_limit_error",
            "UNAVAILABLE" => "overloaded_error",
            "INTERNAL" => "api_error",
            "DEADLINE_EXCEEDED" => "timeout_error",
            _ => error.Status ?? "error",
        };
        throw new AnthropicStreamException(type, error.Message ?? error.Status);
    }

    private static GeminiCandidate? First(GeminiResponse response) => response.Candidates is { Count: > 0 } candidates ? candidates[0] : null;

    private static string NewCallId() => $"call_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
