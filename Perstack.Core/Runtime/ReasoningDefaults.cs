using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;

namespace Perstack.Core.Runtime;

/// <summary>
/// Which reasoning budget a run uses: the <c>--reasoning-budget</c> flag, else perstack.toml <c>reasoningBudget</c>,
/// else the reference's default, <c>low</c>. A budget someone set is always sent. The default is sent only to models
/// known to reason (Claude 3.7 and 4.x, OpenAI's o-series and GPT-5, Gemini 2.5 and later): others (e.g. Claude 3.5,
/// GPT-4o, an unknown local model) refuse a thinking request with an error, so an unset budget must not break them.
/// </summary>
public static class ReasoningDefaults
{
    /// <summary>The budget of a run.</summary>
    public static ReasoningBudget Resolve(ReasoningBudget? flag, ReasoningBudget? config, ProviderName providerName, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((flag ?? config) is { } chosen)
        {
            return chosen;
        }

        return KnownToReason(providerName, model) ? ReasoningBudget.Default : ReasoningBudget.None;
    }

    /// <summary>Whether <paramref name="model"/> of <paramref name="providerName"/> is known to accept a reasoning request.</summary>
    public static bool KnownToReason(ProviderName providerName, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.ToLowerInvariant();
        return providerName switch
        {
            // Bedrock and Vertex ids wrap the Claude name ("us.anthropic.claude-sonnet-4-…", "claude-opus-4@…").
            { ServesClaude: true } when name.Contains("claude", StringComparison.Ordinal) =>
                name.Contains("claude-3-7", StringComparison.Ordinal) || name.Contains("claude-sonnet-4", StringComparison.Ordinal)
                || name.Contains("claude-opus-4", StringComparison.Ordinal) || name.Contains("claude-haiku-4", StringComparison.Ordinal)
                || name.Contains("claude-4", StringComparison.Ordinal),
            _ when providerName == ProviderName.OpenAI => name.StartsWith("gpt-5", StringComparison.Ordinal) || (name.Length > 1 && name[0] == 'o' && char.IsAsciiDigit(name[1])),

            // Gemini on the Gemini API and on Vertex AI.
            _ when providerName == ProviderName.Google || providerName == ProviderName.GoogleVertex =>
                name.StartsWith("gemini-2.5", StringComparison.Ordinal) || name.StartsWith("gemini-3", StringComparison.Ordinal),
            _ => false,
        };
    }
}
