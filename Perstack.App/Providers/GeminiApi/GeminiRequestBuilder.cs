using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.GeminiApi;

/// <summary>
/// Maps Microsoft.Extensions.AI messages and options to a Gemini request, as the reference's AI SDK provider does:
/// system messages become <c>systemInstruction</c>, assistant turns <c>model</c> turns, tool results
/// <c>functionResponse</c> parts (<c>{"name","content"}</c>) of a <c>user</c> turn, and the run's reasoning budget
/// <c>thinkingConfig{thinkingBudget, includeThoughts:true}</c>. Tools carry their JSON Schema as is
/// (<c>parametersJsonSchema</c>), so no schema keyword is dropped on the way.
/// </summary>
internal static class GeminiRequestBuilder
{
    /// <summary>
    /// The additional property of a <see cref="FunctionCallContent"/> holding the Gemini thought signature it came with.
    /// </summary>
    public const string ThoughtSignatureKey = "gemini.thoughtSignature";

    /// <summary>
    /// What Google documents to send when a function call's own signature is not known (a history written by another
    /// model or runtime, or one resumed from a checkpoint, which keeps no signatures): Gemini 3 refuses a function call
    /// of the current turn without one.
    /// </summary>
    public const string UnknownThoughtSignature = "skip_thought_signature_validator";

    public static GeminiRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var callNames = list.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        var system = new List<GeminiPart>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Add(new GeminiPart { Text = options.Instructions });
        }

        var turns = new List<GeminiContent>();
        foreach (var message in list)
        {
            if (message.Role == ChatRole.System)
            {
                system.AddRange(message.Contents.OfType<TextContent>().Where(t => t.Text.Length > 0).Select(t => new GeminiPart { Text = t.Text }));
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "model" : "user";
            var parts = message.Contents.Select(c => ToPart(c, callNames)).OfType<GeminiPart>().ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1] = turns[^1] with { Parts = [.. turns[^1].Parts, .. parts] };
                continue;
            }

            turns.Add(new GeminiContent(role, parts));
        }

        var tools = options?.Tools?.OfType<AIFunctionDeclaration>()
            .Select(t => new GeminiFunctionDeclaration(t.Name, string.IsNullOrEmpty(t.Description) ? null : t.Description, t.JsonSchema))
            .ToList();
        var budget = ReasoningRequest.BudgetTokens(options);
        return new GeminiRequest
        {
            Contents = [.. turns.Select(SignFirstCall)],
            SystemInstruction = system.Count == 0 ? null : new GeminiContent(null, system),
            Tools = tools is { Count: > 0 } ? [new GeminiTool(tools)] : null,
            ToolConfig = tools is { Count: > 0 } ? ToolConfig(options!) : null,
            GenerationConfig = new GeminiGenerationConfig
            {
                MaxOutputTokens = options?.MaxOutputTokens,
                Temperature = options?.Temperature,
                TopP = options?.TopP,
                TopK = options?.TopK,
                StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
                ThinkingConfig = budget is { } tokens ? new GeminiThinkingConfig((int)Math.Min(tokens, int.MaxValue), IncludeThoughts: true) : null,
            },
        };
    }

    private static GeminiToolConfig ToolConfig(ChatOptions options) => new(options.ToolMode switch
    {
        RequiredChatToolMode { RequiredFunctionName: { } name } => new GeminiFunctionCallingConfig("ANY", [name]),
        RequiredChatToolMode => new GeminiFunctionCallingConfig("ANY", null),
        NoneChatToolMode => new GeminiFunctionCallingConfig("NONE", null),
        _ => new GeminiFunctionCallingConfig("AUTO", null),
    });

    /// <summary>The first function call of a model turn carries a thought signature (its own, else the documented stand-in).</summary>
    private static GeminiContent SignFirstCall(GeminiContent turn)
    {
        var first = turn.Role == "model" ? turn.Parts.ToList().FindIndex(p => p.FunctionCall is not null) : -1;
        if (first < 0 || turn.Parts[first].ThoughtSignature is not null)
        {
            return turn;
        }

        var parts = turn.Parts.ToList();
        parts[first] = parts[first] with { ThoughtSignature = UnknownThoughtSignature };
        return turn with { Parts = parts };
    }

    private static GeminiPart? ToPart(AIContent content, Dictionary<string, string> callNames) => content switch
    {
        TextContent { Text.Length: > 0 } text => new GeminiPart { Text = text.Text },
        DataContent data => new GeminiPart { InlineData = new GeminiBlob(data.MediaType, data.Base64Data.ToString()) },
        UriContent uri => new GeminiPart { FileData = new GeminiFileData(uri.MediaType, uri.Uri.ToString()) },
        FunctionCallContent call => new GeminiPart
        {
            FunctionCall = new GeminiFunctionCall(call.CallId, call.Name, RequestBuilder.Arguments(call.Arguments)),
            ThoughtSignature = call.AdditionalProperties?.TryGetValue(ThoughtSignatureKey, out var signature) == true ? signature as string : null,
        },
        FunctionResultContent result => new GeminiPart
        {
            FunctionResponse = new GeminiFunctionResponse(
                result.CallId,
                callNames.GetValueOrDefault(result.CallId) ?? throw new InvalidOperationException($"No function call {result.CallId} precedes its result"),
                Response(callNames[result.CallId], result)),
        },

        // Thoughts are not sent back (Gemini keeps their effect through the signatures).
        _ => null,
    };

    private static JsonElement Response(string name, FunctionResultContent result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("content");
            switch (result.Exception is { } exception ? exception.Message : result.Result)
            {
                case null:
                    writer.WriteStringValue(string.Empty);
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case JsonElement element:
                    element.WriteTo(writer);
                    break;
                case IEnumerable<AIContent> parts:
                    writer.WriteStringValue(string.Join("\n", parts.OfType<TextContent>().Select(t => t.Text)));
                    break;
                case var other:
                    JsonSerializer.Serialize(writer, other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType()));
                    break;
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
