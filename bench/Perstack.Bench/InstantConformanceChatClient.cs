using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Bench;

/// <summary>
/// An in-process <see cref="IChatClient"/> that gives the scripted LLM's conformance replies
/// (<see cref="ConformanceScript"/>, the same rules the HTTP server answers by) at once: no HTTP, no SDK, no JSON
/// wire format. A job run through it costs only the runtime itself, so its time is the runtime's overhead.
/// </summary>
internal sealed class InstantConformanceChatClient : IChatClient
{
    private static readonly JsonObject NoInput = [];
    private long _calls;

    /// <summary>Model calls answered so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        var conversation = ToConversation(messages, options);
        var answer = ConformanceScript.Answer(conversation);
        var message = answer.ToolName is { } name
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("toolu_fake_" + Guid.NewGuid().ToString("N")[..20], name, Arguments(answer.ToolInput))])
            : new ChatMessage(ChatRole.Assistant, answer.Text ?? string.Empty);
        return Task.FromResult(new ChatResponse(message)
        {
            ModelId = conversation.Model,
            FinishReason = answer.ToolName is null ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
            Usage = new UsageDetails
            {
                InputTokenCount = answer.InputTokens,
                OutputTokenCount = answer.OutputTokens,
                TotalTokenCount = answer.InputTokens + answer.OutputTokens,
            },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The runtime does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The request as the server would read it (system prompts left out, tool messages as one entry each).</summary>
    private static ScriptedConversation ToConversation(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var entries = new List<ScriptedConversation.Message>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            string? text = null;
            var calls = new List<ScriptedConversation.ToolCall>();
            var results = new List<ScriptedConversation.ToolResult>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent part:
                        text = text is null ? part.Text : text + "\n" + part.Text;
                        break;
                    case FunctionCallContent call:
                        calls.Add(new ScriptedConversation.ToolCall(call.CallId, call.Name, NoInput));
                        break;
                    case FunctionResultContent result:
                        results.Add(new ScriptedConversation.ToolResult(result.CallId, ResultText(result.Result)));
                        break;
                    default:
                        break;
                }
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : message.Role == ChatRole.Tool ? "tool" : "user";
            entries.Add(new ScriptedConversation.Message(role, text, calls, results));
        }

        var tools = options?.Tools is { Count: > 0 } declared
            ? declared.OfType<AIFunctionDeclaration>().Select(t => new ScriptedConversation.Tool(t.Name, JsonNode.Parse(t.JsonSchema.GetRawText()) as JsonObject)).ToList()
            : [];
        return new ScriptedConversation(options?.ModelId ?? "claude-sonnet-4-5", Stream: false, IncludeStreamUsage: false, entries, tools);
    }

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        IEnumerable<AIContent> parts => string.Join("\n", parts.OfType<TextContent>().Select(p => p.Text)),
        _ => result.ToString() ?? string.Empty,
    };

    private static Dictionary<string, object?> Arguments(JsonObject? input)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in input ?? [])
        {
            arguments[key] = value?.DeepClone();
        }

        return arguments;
    }
}
