using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;

namespace Perstack.App.Providers.BedrockApi;

/// <summary>Maps a Converse reply to Microsoft.Extensions.AI types (usage and finish reasons as for the Messages API).</summary>
internal static class ConverseResponseMapper
{
    public static ChatResponse ToResponse(ConverseResponse response, string model)
    {
        var message = response.Output?.Message ?? throw new InvalidDataException("The Converse reply has no output message");
        var contents = message.Content.Select(ToContent).OfType<AIContent>().ToList();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = model,
            FinishReason = FinishReason(response.StopReason),
            Usage = Usage(response.Usage),
            RawRepresentation = response,
        };
    }

    public static ChatFinishReason? FinishReason(string? stopReason) => stopReason switch
    {
        "guardrail_intervened" or "content_filtered" => ChatFinishReason.ContentFilter,
        _ => ResponseMapper.FinishReason(stopReason),
    };

    /// <summary>Input counts fresh tokens plus the cache's reads and writes, as for the Messages API.</summary>
    public static UsageDetails? Usage(ConverseUsage? usage) => usage is null
        ? null
        : ResponseMapper.Usage(new WireUsage
        {
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            CacheCreationInputTokens = usage.CacheWriteInputTokens,
            CacheReadInputTokens = usage.CacheReadInputTokens,
        });

    private static AIContent? ToContent(ConverseBlock block) => block switch
    {
        { Text: { } text } => new TextContent(text) { RawRepresentation = block },
        { ToolUse: { } call } => ResponseMapper.ToolCall(call.ToolUseId, call.Name, call.Input),
        { ReasoningContent.ReasoningText: { } reasoning } => new TextReasoningContent(reasoning.Text) { ProtectedData = reasoning.Signature, RawRepresentation = block },
        { ReasoningContent.RedactedContent: { } redacted } => new TextReasoningContent(string.Empty) { ProtectedData = Convert.ToBase64String(redacted) },
        _ => null,
    };
}
