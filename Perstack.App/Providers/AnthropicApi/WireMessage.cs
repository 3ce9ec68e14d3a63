namespace Perstack.App.Providers.AnthropicApi;

/// <summary>One turn of the conversation: <c>user</c> or <c>assistant</c>, with its content blocks.</summary>
internal sealed record WireMessage(string Role, IReadOnlyList<WireBlock> Content);
