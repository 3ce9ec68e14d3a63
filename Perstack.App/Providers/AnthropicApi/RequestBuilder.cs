using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// Maps Microsoft.Extensions.AI messages and options to a Messages API request: system messages become the
/// <c>system</c> blocks, tool results a <c>user</c> turn of <c>tool_result</c> blocks, reasoning content
/// <c>thinking</c> blocks (their signature carried in <see cref="TextReasoningContent.ProtectedData"/>). Consecutive
/// messages of one role become one turn, as the reference (through the AI SDK) sends them: the API would join them
/// anyway, and a resumed run's new query then rides in the same turn as the tool results it follows.
/// </summary>
internal static class RequestBuilder
{
    public static MessagesRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? options, RequestDefaults defaults, bool stream)
    {
        var system = new List<WireBlock>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Add(new WireBlock { Type = "text", Text = options.Instructions });
        }

        var turns = new List<WireMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.AddRange(message.Contents.OfType<TextContent>().Where(t => t.Text.Length > 0).Select(t => new WireBlock { Type = "text", Text = t.Text }));
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = message.Contents.Select(ToBlock).OfType<WireBlock>().ToList();
            if (blocks.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1] = turns[^1] with { Content = [.. turns[^1].Content, .. blocks] };
                continue;
            }

            turns.Add(new WireMessage(role, blocks));
        }

        var tools = options?.Tools?.OfType<AIFunctionDeclaration>()
            .Select(t => new WireTool(t.Name, string.IsNullOrEmpty(t.Description) ? null : t.Description, t.JsonSchema))
            .ToList();
        var maxTokens = options?.MaxOutputTokens ?? defaults.MaxTokens;
        var thinking = Thinking(options, maxTokens);
        return new MessagesRequest
        {
            Model = defaults.ModelInBody ? options?.ModelId ?? defaults.Model : null,
            AnthropicVersion = defaults.BodyVersion,
            MaxTokens = maxTokens,
            System = system.Count == 0 ? null : system,
            Messages = turns,
            Tools = tools is { Count: > 0 } ? tools : null,
            ToolChoice = tools is { Count: > 0 } ? ToolChoice(options!) : null,

            // The API accepts only the default temperature while thinking.
            Temperature = thinking is null ? options?.Temperature : null,
            TopP = options?.TopP,
            TopK = options?.TopK,
            StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            Thinking = thinking,
            Stream = stream && defaults.ModelInBody ? true : null,
        };
    }

    private static WireToolChoice? ToolChoice(ChatOptions options)
    {
        var type = options.ToolMode switch
        {
            RequiredChatToolMode { RequiredFunctionName: not null } => "tool",
            RequiredChatToolMode => "any",
            NoneChatToolMode => "none",
            _ => "auto",
        };
        var disableParallel = options.AllowMultipleToolCalls == false && type != "none" ? true : (bool?)null;
        return new WireToolChoice
        {
            Type = type,
            Name = (options.ToolMode as RequiredChatToolMode)?.RequiredFunctionName,
            DisableParallelToolUse = disableParallel,
        };
    }

    /// <summary>
    /// Extended thinking: the run's budget in tokens (<see cref="ReasoningRequest.BudgetTokensKey"/>), else one by
    /// effort, within the API's rules: at least 1,024 tokens, and below <c>max_tokens</c> with room left for the answer
    /// (a budget that does not fit is cut to <c>max_tokens</c> − 1,024; none when even that is below the minimum).
    /// </summary>
    internal static WireThinking? Thinking(ChatOptions? options, int maxTokens)
    {
        long? budget = ReasoningRequest.BudgetTokens(options) ?? options?.Reasoning?.Effort switch
        {
            ReasoningEffort.Low => 2_048,
            ReasoningEffort.Medium => 5_000,
            ReasoningEffort.High => 10_000,
            ReasoningEffort.ExtraHigh => 32_768,
            _ => null,
        };
        if (budget is null)
        {
            return null;
        }

        const int Minimum = 1_024;
        var bounded = Math.Max(Minimum, budget.Value);
        if (bounded >= maxTokens)
        {
            bounded = maxTokens - Minimum;
        }

        return bounded < Minimum ? null : new WireThinking("enabled", (int)bounded);
    }

    private static WireBlock? ToBlock(AIContent content) => content switch
    {
        TextContent { Text.Length: > 0 } text => new WireBlock { Type = "text", Text = text.Text },
        TextReasoningContent reasoning when string.IsNullOrEmpty(reasoning.Text) && reasoning.ProtectedData is { } data =>
            new WireBlock { Type = "redacted_thinking", Data = data },
        TextReasoningContent reasoning when reasoning.ProtectedData is { } signature =>
            new WireBlock { Type = "thinking", Thinking = reasoning.Text, Signature = signature },
        DataContent data => Media(data.MediaType, new WireSource { Type = "base64", MediaType = data.MediaType, Data = data.Base64Data.ToString() }),
        UriContent uri => Media(uri.MediaType, new WireSource { Type = "url", Url = uri.Uri.ToString() }),
        FunctionCallContent call => new WireBlock { Type = "tool_use", Id = call.CallId, Name = call.Name, Input = Arguments(call.Arguments) },
        FunctionResultContent result => ToolResult(result),

        // Reasoning without a signature cannot be sent back (the API would reject it); other kinds have no block.
        _ => null,
    };

    private static WireBlock Media(string mediaType, WireSource source) =>
        new() { Type = mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? "image" : "document", Source = source };

    internal static JsonElement Arguments(IDictionary<string, object?>? arguments) =>
        JsonSerializer.SerializeToElement(
            arguments ?? new Dictionary<string, object?>(),
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static WireBlock ToolResult(FunctionResultContent result)
    {
        List<WireBlock> content = result.Result switch
        {
            null or "" => [],
            string text => [Text(text)],
            JsonElement { ValueKind: JsonValueKind.String } element => [Text(element.GetString()!)],
            JsonElement element => [Text(element.GetRawText())],
            IEnumerable<AIContent> parts => [.. parts.Select(ToBlock).OfType<WireBlock>()],
            var other => [Text(JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())))],
        };
        if (result.Exception is { } exception)
        {
            content = [Text(exception.Message)];
        }

        return new WireBlock
        {
            Type = "tool_result",
            ToolUseId = result.CallId,
            Content = content.Count == 0 ? null : content,
            IsError = result.Exception is null ? null : true,
        };
    }

    private static WireBlock Text(string text) => new() { Type = "text", Text = text };
}
