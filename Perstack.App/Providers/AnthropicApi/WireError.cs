namespace Perstack.App.Providers.AnthropicApi;

/// <summary>The <c>error</c> of an error body or of a stream's <c>error</c> event.</summary>
internal sealed record WireError(string? Type, string? Message);
