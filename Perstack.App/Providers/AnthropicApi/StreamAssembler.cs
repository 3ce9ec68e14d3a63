using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// Turns the events of a streamed message into chat updates: text and thinking as they arrive, each tool call once
/// its JSON input is complete, and the finish reason with the usage at <c>message_stop</c>. An <c>error</c> event
/// throws <see cref="AnthropicStreamException"/>; a stream that ends before <c>message_stop</c> is invalid data.
/// </summary>
internal static class StreamAssembler
{
    public static async IAsyncEnumerable<ChatResponseUpdate> UpdatesAsync(
        IAsyncEnumerable<StreamEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? responseId = null, modelId = null;
        ChatFinishReason? finish = null;
        var usage = new WireUsage();
        var blocks = new Dictionary<int, (WireBlock Block, StringBuilder Json)>();
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            AIContent? content = null;
            switch (item.Type)
            {
                case "message_start" when item.Message is { } message:
                    (responseId, modelId) = (message.Id, message.Model);
                    usage = Merge(usage, message.Usage);
                    break;
                case "content_block_start" when item.ContentBlock is { } block:
                    blocks[item.Index ?? 0] = (block, new StringBuilder());
                    content = block.Type switch
                    {
                        "text" when !string.IsNullOrEmpty(block.Text) => new TextContent(block.Text),
                        "thinking" when !string.IsNullOrEmpty(block.Thinking) => new TextReasoningContent(block.Thinking),
                        "redacted_thinking" => new TextReasoningContent(string.Empty) { ProtectedData = block.Data },
                        _ => null,
                    };
                    break;
                case "content_block_delta" when item.Delta is { } delta:
                    content = delta.Type switch
                    {
                        "text_delta" => new TextContent(delta.Text ?? string.Empty),
                        "thinking_delta" => new TextReasoningContent(delta.Thinking ?? string.Empty),
                        "signature_delta" => new TextReasoningContent(string.Empty) { ProtectedData = delta.Signature },
                        _ => null,
                    };
                    if (delta.Type == "input_json_delta" && blocks.TryGetValue(item.Index ?? 0, out var open))
                    {
                        open.Json.Append(delta.PartialJson);
                    }

                    break;
                case "content_block_stop" when blocks.Remove(item.Index ?? 0, out var done) && done.Block.Type == "tool_use":
                    content = ResponseMapper.ToolCall(done.Block.Id, done.Block.Name, Input(done.Json, done.Block.Input));
                    break;
                case "message_delta":
                    finish = ResponseMapper.FinishReason(item.Delta?.StopReason) ?? finish;
                    usage = Merge(usage, item.Usage);
                    break;
                case "message_stop":
                    var details = ResponseMapper.Usage(usage);
                    var last = Update(responseId, modelId, item, details is null ? null : new UsageContent(details));
                    last.FinishReason = finish;
                    yield return last;
                    yield break;
                case "error":
                    throw new AnthropicStreamException(item.Error?.Type, item.Error?.Message);
                default:
                    // ping, and kinds the runtime has no use for
                    break;
            }

            if (content is not null)
            {
                yield return Update(responseId, modelId, item, content);
            }
        }

        throw new InvalidDataException("The stream ended before message_stop");
    }

    private static ChatResponseUpdate Update(string? responseId, string? modelId, StreamEvent item, AIContent? content) =>
        new(ChatRole.Assistant, content is null ? [] : [content])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = modelId,
            RawRepresentation = item,
        };

    private static JsonElement? Input(StringBuilder json, JsonElement? started)
    {
        if (json.Length == 0)
        {
            return started;
        }

        using var document = JsonDocument.Parse(json.ToString());
        return document.RootElement.Clone();
    }

    /// <summary>Later counts win (message_delta carries cumulative ones); counts a later event leaves out are kept.</summary>
    private static WireUsage Merge(WireUsage current, WireUsage? next) => next is null
        ? current
        : new WireUsage
        {
            InputTokens = next.InputTokens ?? current.InputTokens,
            OutputTokens = next.OutputTokens ?? current.OutputTokens,
            CacheCreationInputTokens = next.CacheCreationInputTokens ?? current.CacheCreationInputTokens,
            CacheReadInputTokens = next.CacheReadInputTokens ?? current.CacheReadInputTokens,
        };
}
