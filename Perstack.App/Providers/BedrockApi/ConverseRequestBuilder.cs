using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;

namespace Perstack.App.Providers.BedrockApi;

/// <summary>
/// Maps Microsoft.Extensions.AI messages and options to a Converse request, for every Bedrock model: system messages
/// become <c>system</c> blocks, tool results a <c>user</c> turn of <c>toolResult</c> blocks, signed reasoning
/// <c>reasoningContent</c>. Consecutive messages of one role become one turn (Converse requires alternating roles).
/// Claude models also get what Anthropic's API needs beyond Converse's common fields, as the AI SDK sends them: a
/// <c>maxTokens</c> (Claude requires one) and extended thinking in <c>additionalModelRequestFields</c>.
/// </summary>
internal static class ConverseRequestBuilder
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static ConverseRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? options, string model)
    {
        var system = new List<ConverseBlock>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Add(new ConverseBlock { Text = options.Instructions });
        }

        var turns = new List<ConverseMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.AddRange(message.Contents.OfType<TextContent>().Where(t => t.Text.Length > 0).Select(t => new ConverseBlock { Text = t.Text }));
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = message.Contents.Select(ToBlock).OfType<ConverseBlock>().ToList();
            if (blocks.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1] = turns[^1] with { Content = [.. turns[^1].Content, .. blocks] };
                continue;
            }

            turns.Add(new ConverseMessage(role, blocks));
        }

        var claude = IsClaude(model);
        var maxTokens = options?.MaxOutputTokens ?? (claude ? AnthropicOutputLimits.MaxOutputTokens(model) : null);
        var thinking = claude && maxTokens is { } limit ? RequestBuilder.Thinking(options, limit) : null;
        return new ConverseRequest
        {
            Messages = turns,
            System = system.Count == 0 ? null : system,
            InferenceConfig = new ConverseInferenceConfig
            {
                MaxTokens = maxTokens,

                // Claude accepts only the default temperature while thinking.
                Temperature = thinking is null ? options?.Temperature : null,
                TopP = options?.TopP,
                StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            },
            ToolConfig = ToolConfig(options),
            AdditionalModelRequestFields = thinking is null
                ? null
                : JsonDocument.Parse($$$"""{"thinking":{"type":"enabled","budget_tokens":{{{thinking.BudgetTokens}}}}}""").RootElement.Clone(),
        };
    }

    /// <summary>Whether a Bedrock model id (plain, cross-region inference profile or ARN) names a Claude model.</summary>
    public static bool IsClaude(string model) => model.Contains("claude", StringComparison.OrdinalIgnoreCase);

    private static ConverseToolConfig? ToolConfig(ChatOptions? options)
    {
        var tools = options?.Tools?.OfType<AIFunctionDeclaration>()
            .Select(t => new ConverseTool(new ConverseToolSpec(t.Name, string.IsNullOrEmpty(t.Description) ? null : t.Description, new ConverseSchema(t.JsonSchema))))
            .ToList();

        // Converse has no "none" choice: as the AI SDK does, a call that may use no tool is sent without tools.
        if (tools is not { Count: > 0 } || options!.ToolMode is NoneChatToolMode)
        {
            return null;
        }

        var choice = options.ToolMode switch
        {
            RequiredChatToolMode { RequiredFunctionName: { } name } => new ConverseToolChoice { Tool = new ConverseNamedTool(name) },
            RequiredChatToolMode => new ConverseToolChoice { Any = EmptyObject },
            _ => new ConverseToolChoice { Auto = EmptyObject },
        };
        return new ConverseToolConfig(tools, choice);
    }

    private static ConverseBlock? ToBlock(AIContent content) => content switch
    {
        TextContent { Text.Length: > 0 } text => new ConverseBlock { Text = text.Text },
        TextReasoningContent reasoning when string.IsNullOrEmpty(reasoning.Text) && reasoning.ProtectedData is { } data && Base64(data) is { } bytes =>
            new ConverseBlock { ReasoningContent = new ConverseReasoning { RedactedContent = bytes } },
        TextReasoningContent reasoning when reasoning.ProtectedData is { } signature && reasoning.Text.Length > 0 =>
            new ConverseBlock { ReasoningContent = new ConverseReasoning { ReasoningText = new ConverseReasoningText(reasoning.Text, signature) } },
        DataContent data when data.HasTopLevelMediaType("image") =>
            new ConverseBlock { Image = new ConverseMedia(Subtype(data.MediaType), null, new ConverseMediaSource(data.Data.ToArray())) },
        DataContent data =>
            new ConverseBlock { Document = new ConverseMedia(Subtype(data.MediaType), DocumentName(data), new ConverseMediaSource(data.Data.ToArray())) },
        FunctionCallContent call => new ConverseBlock
        {
            ToolUse = new ConverseToolUse { ToolUseId = call.CallId, Name = call.Name, Input = RequestBuilder.Arguments(call.Arguments) },
        },
        FunctionResultContent result => ToolResult(result),

        // Unsigned reasoning cannot be sent back; Converse takes media by bytes or S3 location only, not by URL.
        _ => null,
    };

    private static ConverseBlock ToolResult(FunctionResultContent result)
    {
        List<ConverseBlock> content = result.Exception is { } exception
            ? [new ConverseBlock { Text = exception.Message }]
            : result.Result switch
            {
                null or "" => [],
                string text => [new ConverseBlock { Text = text }],
                JsonElement { ValueKind: JsonValueKind.String } element => [new ConverseBlock { Text = element.GetString() }],
                JsonElement element => [new ConverseBlock { Text = element.GetRawText() }],
                IEnumerable<AIContent> parts => [.. parts.Select(ToBlock).OfType<ConverseBlock>()],
                var other => [new ConverseBlock { Text = JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())) }],
            };
        return new ConverseBlock
        {
            ToolResult = new ConverseToolResult(result.CallId, content.Count == 0 ? [new ConverseBlock { Text = string.Empty }] : content, result.Exception is null ? null : "error"),
        };
    }

    private static string Subtype(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var subtype = slash < 0 ? mediaType : mediaType[(slash + 1)..];
        return subtype.ToLowerInvariant() switch
        {
            "jpg" => "jpeg",
            "plain" => "txt",
            "markdown" => "md",
            "vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
            var other => other,
        };
    }

    /// <summary>Converse requires a document name of letters, digits, spaces, hyphens, parentheses and brackets.</summary>
    private static string DocumentName(DataContent data) =>
        string.IsNullOrEmpty(data.Name)
            ? "document"
            : new string([.. data.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '(' or ')' or '[' or ']' ? c : '-')]);

    private static byte[]? Base64(string data)
    {
        var buffer = new byte[data.Length];
        return Convert.TryFromBase64String(data, buffer, out var written) ? buffer[..written] : null;
    }
}
