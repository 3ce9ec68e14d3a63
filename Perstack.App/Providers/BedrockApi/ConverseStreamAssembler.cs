using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;
using Perstack.App.Providers.Aws;

namespace Perstack.App.Providers.BedrockApi;

/// <summary>
/// Turns ConverseStream's event-stream messages into chat updates: text and reasoning as they arrive, each tool call
/// once its JSON input is complete, and the finish reason with the usage from <c>metadata</c> (the last event). An
/// <c>exception</c> message throws <see cref="AnthropicStreamException"/> with the error named as the Messages API
/// names it, so throttling is retried like a 429; a stream that ends before <c>messageStop</c> is invalid data.
/// </summary>
internal static class ConverseStreamAssembler
{
    public static async IAsyncEnumerable<ChatResponseUpdate> UpdatesAsync(
        IAsyncEnumerable<AwsEventStreamMessage> messages, string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChatFinishReason? finish = null;
        var stopped = false;
        var tools = new Dictionary<int, (ConverseToolUse Call, StringBuilder Json)>();
        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!message.IsEvent)
            {
                throw Exception(message);
            }

            var item = JsonSerializer.Deserialize(message.Payload.Span, ConverseJsonContext.Default.ConverseStreamEvent)
                ?? throw new InvalidDataException("A stream event is null");
            AIContent? content = null;
            switch (message.Header(":event-type"))
            {
                case "contentBlockStart" when item.Start?.ToolUse is { } call:
                    tools[item.ContentBlockIndex ?? 0] = (call, new StringBuilder());
                    break;
                case "contentBlockDelta" when item.Delta is { } delta:
                    content = delta switch
                    {
                        { Text: { } text } => new TextContent(text),
                        { ReasoningContent.Text: { } thinking } => new TextReasoningContent(thinking),
                        { ReasoningContent.Signature: { } signature } => new TextReasoningContent(string.Empty) { ProtectedData = signature },
                        { ReasoningContent.RedactedContent: { } redacted } => new TextReasoningContent(string.Empty) { ProtectedData = Convert.ToBase64String(redacted) },
                        _ => null,
                    };
                    if (delta.ToolUse?.Input is { } piece && tools.TryGetValue(item.ContentBlockIndex ?? 0, out var open))
                    {
                        open.Json.Append(piece);
                    }

                    break;
                case "contentBlockStop" when tools.Remove(item.ContentBlockIndex ?? 0, out var done):
                    content = ResponseMapper.ToolCall(done.Call.ToolUseId, done.Call.Name, Input(done.Json));
                    break;
                case "messageStop":
                    finish = ConverseResponseMapper.FinishReason(item.StopReason);
                    stopped = true;
                    break;
                case "metadata":
                    var usage = ConverseResponseMapper.Usage(item.Usage);
                    yield return Update(model, usage is null ? null : new UsageContent(usage), finish);
                    yield break;
                default:
                    // messageStart, and kinds the runtime has no use for
                    break;
            }

            if (content is not null)
            {
                yield return Update(model, content, null);
            }
        }

        if (!stopped)
        {
            throw new InvalidDataException("The stream ended before messageStop");
        }

        yield return Update(model, null, finish);
    }

    private static ChatResponseUpdate Update(string model, AIContent? content, ChatFinishReason? finish) =>
        new(ChatRole.Assistant, content is null ? [] : [content]) { ModelId = model, FinishReason = finish };

    private static JsonElement? Input(StringBuilder json)
    {
        if (json.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json.ToString());
        return document.RootElement.Clone();
    }

    private static AnthropicStreamException Exception(AwsEventStreamMessage message)
    {
        var type = message.Header(":exception-type") ?? message.Header(":error-code") ?? "exception";
        string? text = message.Header(":error-message");
        try
        {
            using var document = JsonDocument.Parse(message.Payload);
            if (document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                text = m.GetString();
            }
        }
        catch (JsonException)
        {
            // The headers say enough.
        }

        return new AnthropicStreamException(ErrorType(type), text ?? type);
    }

    /// <summary>Bedrock's exception names in the Messages API's error types, so they are retried alike.</summary>
    private static string ErrorType(string exceptionType) => exceptionType switch
    {
        "throttlingException" => "rate_limit_error",
        "serviceUnavailableException" => "overloaded_error",
        "internalServerException" or "modelStreamErrorException" => "api_error",
        "modelTimeoutException" => "timeout_error",
        "validationException" => "invalid_request_error",
        _ => exceptionType,
    };
}
