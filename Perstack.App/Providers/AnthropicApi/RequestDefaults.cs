namespace Perstack.App.Providers.AnthropicApi;

/// <summary>What a request needs beyond the call's options.</summary>
/// <param name="Model">The model when the options name none.</param>
/// <param name="MaxTokens"><c>max_tokens</c> when the options set no limit.</param>
/// <param name="ModelInBody">False for Vertex: the model and streaming are in the URL.</param>
/// <param name="BodyVersion">The <c>anthropic_version</c> Vertex expects in the body.</param>
internal sealed record RequestDefaults(string Model, int MaxTokens, bool ModelInBody, string? BodyVersion);
