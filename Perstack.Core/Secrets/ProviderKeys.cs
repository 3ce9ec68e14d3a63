namespace Perstack.Core.Secrets;

/// <summary>
/// The environment variables that hold LLM provider credentials, whichever provider a run uses: their values are
/// always secrets (redacted wherever they appear), and perstack removes them from its own environment block at start.
/// </summary>
public static class ProviderKeys
{
    /// <summary>Every provider credential variable perstack reads (and <c>PERSTACK_API_KEY</c> of the reference's registry).</summary>
    public static IReadOnlyList<string> VariableNames { get; } =
    [
        "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "AZURE_API_KEY", "DEEPSEEK_API_KEY",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PERSTACK_API_KEY",
    ];
}
