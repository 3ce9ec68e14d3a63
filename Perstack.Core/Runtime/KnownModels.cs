using Perstack.Core.Providers;

namespace Perstack.Core.Runtime;

/// <summary>Context windows of well-known models; used only for <c>contextWindowUsage</c>, never to refuse a model.</summary>
internal static class KnownModels
{
    /// <summary>The model's context window in tokens, or null when unknown.</summary>
    public static long? ContextWindow(ProviderName providerName, string model)
    {
        var name = model.ToLowerInvariant();
        return name switch
        {
            _ when name.StartsWith("claude", StringComparison.Ordinal) => 200_000,
            _ when name.StartsWith("gemini", StringComparison.Ordinal) => 1_048_576,
            _ when name.StartsWith("gpt-5", StringComparison.Ordinal) => 400_000,
            _ when name.StartsWith("gpt-4.1", StringComparison.Ordinal) => 1_047_576,
            _ when name.StartsWith("gpt-4o", StringComparison.Ordinal) => 128_000,
            _ when name.StartsWith("o3", StringComparison.Ordinal) || name.StartsWith("o4-mini", StringComparison.Ordinal) => 200_000,
            _ when name.StartsWith("deepseek", StringComparison.Ordinal) => 128_000,
            _ when name.StartsWith("gpt-oss", StringComparison.Ordinal) => 131_072,
            _ => providerName.ServesClaude && name.Contains("claude", StringComparison.Ordinal) ? 200_000 : null,
        };
    }
}
