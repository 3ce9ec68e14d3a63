using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>Maps a Messages API reply to Microsoft.Extensions.AI types.</summary>
internal static class ResponseMapper
{
    public static ChatResponse ToResponse(MessagesResponse message)
    {
        if (message.Content is null)
        {
            throw new InvalidDataException("The message has no content");
        }

        var contents = message.Content.Select(ToContent).OfType<AIContent>().ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = message.Id })
        {
            ResponseId = message.Id,
            ModelId = message.Model,
            FinishReason = FinishReason(message.StopReason),
            Usage = Usage(message.Usage),
            RawRepresentation = message,
        };
    }

    /// <summary>The content of one block; null for kinds the runtime has no use for (server tool blocks).</summary>
    public static AIContent? ToContent(WireBlock block) => block.Type switch
    {
        "text" => new TextContent(block.Text ?? string.Empty) { RawRepresentation = block },
        "tool_use" => ToolCall(block.Id, block.Name, block.Input),
        "thinking" => new TextReasoningContent(block.Thinking ?? string.Empty) { ProtectedData = block.Signature, RawRepresentation = block },
        "redacted_thinking" => new TextReasoningContent(string.Empty) { ProtectedData = block.Data, RawRepresentation = block },
        _ => null,
    };

    public static FunctionCallContent ToolCall(string? id, string? name, JsonElement? input)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name))
        {
            throw new InvalidDataException("A tool_use block has no id or name");
        }

        var arguments = new Dictionary<string, object?>();
        if (input is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var property in value.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return new FunctionCallContent(id, name, arguments);
    }

    public static ChatFinishReason? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" or "pause_turn" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(stopReason),
    };

    /// <summary>
    /// Input counts everything the prompt cost (fresh, cache writes and cache reads), as the other providers' input
    /// counts do; cache reads are also the cached count, cache writes an additional count.
    /// </summary>
    public static UsageDetails? Usage(WireUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        long written = usage.CacheCreationInputTokens ?? 0, read = usage.CacheReadInputTokens ?? 0;
        long? input = usage.InputTokens is { } fresh ? fresh + written + read : null;
        var details = new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = input is null && usage.OutputTokens is null ? null : (input ?? 0) + (usage.OutputTokens ?? 0),
            CachedInputTokenCount = usage.CacheReadInputTokens,
        };
        if (usage.CacheCreationInputTokens is { } creation)
        {
            details.AdditionalCounts = new AdditionalPropertiesDictionary<long> { ["cache_creation_input_tokens"] = creation };
        }

        return details;
    }
}
