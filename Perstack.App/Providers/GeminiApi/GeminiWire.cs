using System.Text.Json;

namespace Perstack.App.Providers.GeminiApi;

// The Gemini API's shapes (generativelanguage.googleapis.com and Vertex AI's publishers/google share them), camelCase
// on the wire, flat records so the source generator needs no polymorphism: a part is one object with one member set.

/// <summary>A <c>generateContent</c>/<c>streamGenerateContent</c> request body.</summary>
internal sealed record GeminiRequest
{
    public required IReadOnlyList<GeminiContent> Contents { get; init; }

    public GeminiContent? SystemInstruction { get; init; }

    public IReadOnlyList<GeminiTool>? Tools { get; init; }

    public GeminiToolConfig? ToolConfig { get; init; }

    public GeminiGenerationConfig? GenerationConfig { get; init; }

    public IReadOnlyList<GeminiSafetySettingWire>? SafetySettings { get; init; }
}

/// <summary>A safety setting as Gemini takes it (<c>[provider.setting].safetySettings</c>).</summary>
internal sealed record GeminiSafetySettingWire(string Category, string Threshold);

/// <summary>A turn: <c>user</c> or <c>model</c> (none for the system instruction), with its parts.</summary>
internal sealed record GeminiContent(string? Role, IReadOnlyList<GeminiPart> Parts);

/// <summary>A part: text (a thought when <see cref="Thought"/>), inline or file data, a function call or response.</summary>
internal sealed record GeminiPart
{
    public string? Text { get; init; }

    public bool? Thought { get; init; }

    public string? ThoughtSignature { get; init; }

    public GeminiBlob? InlineData { get; init; }

    public GeminiFileData? FileData { get; init; }

    public GeminiFunctionCall? FunctionCall { get; init; }

    public GeminiFunctionResponse? FunctionResponse { get; init; }
}

/// <summary>Inline bytes (base64 on the wire).</summary>
internal sealed record GeminiBlob(string MimeType, string Data);

/// <summary>Data by URI.</summary>
internal sealed record GeminiFileData(string? MimeType, string FileUri);

/// <summary>A function call; the API may leave out the id.</summary>
internal sealed record GeminiFunctionCall(string? Id, string Name, JsonElement? Args);

/// <summary>A function's result, sent back in a <c>user</c> turn.</summary>
internal sealed record GeminiFunctionResponse(string? Id, string Name, JsonElement Response);

/// <summary><c>{"functionDeclarations":[…]}</c>.</summary>
internal sealed record GeminiTool(IReadOnlyList<GeminiFunctionDeclaration> FunctionDeclarations);

/// <summary>A function offered to the model, its parameters as JSON Schema (<c>parametersJsonSchema</c>).</summary>
internal sealed record GeminiFunctionDeclaration(string Name, string? Description, JsonElement? ParametersJsonSchema);

/// <summary><c>{"functionCallingConfig":{…}}</c>.</summary>
internal sealed record GeminiToolConfig(GeminiFunctionCallingConfig FunctionCallingConfig);

/// <summary><c>AUTO</c>, <c>ANY</c> (optionally limited to names) or <c>NONE</c>.</summary>
internal sealed record GeminiFunctionCallingConfig(string Mode, IReadOnlyList<string>? AllowedFunctionNames);

/// <summary>Sampling, limits and thinking.</summary>
internal sealed record GeminiGenerationConfig
{
    public int? MaxOutputTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public GeminiThinkingConfig? ThinkingConfig { get; init; }
}

/// <summary>The thinking budget in tokens, and whether the thoughts come back (as the reference asks: yes).</summary>
internal sealed record GeminiThinkingConfig(int? ThinkingBudget, bool? IncludeThoughts);

/// <summary>A reply, or one chunk of a streamed reply (an <c>error</c> when the stream fails midway).</summary>
internal sealed record GeminiResponse
{
    public IReadOnlyList<GeminiCandidate>? Candidates { get; init; }

    public GeminiUsage? UsageMetadata { get; init; }

    public string? ModelVersion { get; init; }

    public string? ResponseId { get; init; }

    public GeminiPromptFeedback? PromptFeedback { get; init; }

    public GeminiError? Error { get; init; }
}

/// <summary>One candidate: its content and why it stopped.</summary>
internal sealed record GeminiCandidate(GeminiContent? Content, string? FinishReason);

/// <summary>Why the prompt was blocked, if it was.</summary>
internal sealed record GeminiPromptFeedback(string? BlockReason);

/// <summary>An error: <c>{"code":429,"message":…,"status":"RESOURCE_EXHAUSTED"}</c>.</summary>
internal sealed record GeminiError(int? Code, string? Message, string? Status);

/// <summary>Token counts; the prompt's count includes the cached tokens, the thoughts are counted apart.</summary>
internal sealed record GeminiUsage
{
    public long? PromptTokenCount { get; init; }

    public long? CandidatesTokenCount { get; init; }

    public long? ThoughtsTokenCount { get; init; }

    public long? CachedContentTokenCount { get; init; }

    public long? TotalTokenCount { get; init; }
}
