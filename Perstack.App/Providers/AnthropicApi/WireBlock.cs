using System.Text.Json;

namespace Perstack.App.Providers.AnthropicApi;

/// <summary>
/// A content block, sent or received: <c>text</c>, <c>image</c>, <c>document</c>, <c>tool_use</c>,
/// <c>tool_result</c>, <c>thinking</c> or <c>redacted_thinking</c>. One flat shape for all kinds (unset members are
/// not written), so the source generator needs no polymorphism.
/// </summary>
internal sealed record WireBlock
{
    public required string Type { get; init; }

    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Input { get; init; }

    public string? ToolUseId { get; init; }

    public IReadOnlyList<WireBlock>? Content { get; init; }

    public bool? IsError { get; init; }

    public WireSource? Source { get; init; }

    public string? Thinking { get; init; }

    public string? Signature { get; init; }

    public string? Data { get; init; }
}
