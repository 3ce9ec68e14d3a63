namespace Perstack.App.Providers;

/// <summary>
/// The <c>max_tokens</c> sent to Anthropic models, which require one. The TypeScript runtime sets none and lets the AI
/// SDK pick the model's maximum output; the M.E.AI adapter would otherwise send 1024.
/// </summary>
internal static class AnthropicOutputLimits
{
    public static int MaxOutputTokens(string model)
    {
        var id = model.ToLowerInvariant();
        if (id.Contains("opus-4", StringComparison.Ordinal))
        {
            return 32_000;
        }

        if (id.Contains("sonnet-4", StringComparison.Ordinal) || id.Contains("haiku-4", StringComparison.Ordinal)
            || id.Contains("3-7-sonnet", StringComparison.Ordinal))
        {
            return 64_000;
        }

        if (id.Contains("3-5", StringComparison.Ordinal))
        {
            return 8_192;
        }

        return 4_096;
    }
}
