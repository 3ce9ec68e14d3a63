namespace Perstack.App.Providers.AnthropicApi;

/// <summary>Token counts; <c>input_tokens</c> excludes the cache's reads and writes, which come separately.</summary>
internal sealed record WireUsage
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? CacheCreationInputTokens { get; init; }

    public long? CacheReadInputTokens { get; init; }
}
