namespace Perstack.Core.Config;

/// <summary>The LLM providers a perstack.toml or <c>--provider</c> may name, and the message for any other name.</summary>
public static class ProviderNames
{
    /// <summary>Anthropic.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Generative AI.</summary>
    public const string Google = "google";

    /// <summary>OpenAI (or an OpenAI-compatible endpoint).</summary>
    public const string OpenAI = "openai";

    /// <summary>Ollama.</summary>
    public const string Ollama = "ollama";

    /// <summary>Azure OpenAI.</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>Amazon Bedrock.</summary>
    public const string AmazonBedrock = "amazon-bedrock";

    /// <summary>Google Vertex AI.</summary>
    public const string GoogleVertex = "google-vertex";

    /// <summary>DeepSeek.</summary>
    public const string DeepSeek = "deepseek";

    /// <summary>Every valid name, in the reference's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Anthropic, Google, OpenAI, Ollama, AzureOpenAI, AmazonBedrock, GoogleVertex, DeepSeek];

    /// <summary>
    /// <c>Invalid option: expected one of "anthropic"|"google"|"openai"|"ollama"|"azure-openai"|"amazon-bedrock"|"google-vertex"|"deepseek"</c>.
    /// </summary>
    public static string InvalidOptionMessage { get; } =
        "Invalid option: expected one of " + string.Join('|', All.Select(name => $"\"{name}\""));

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsValid(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The <c>[provider.setting]</c> keys a provider accepts (data-model §2.13); other keys are ignored, as the
    /// reference's schema strips them.
    /// </summary>
    public static IReadOnlySet<string> SettingKeys(string providerName) => providerName switch
    {
        OpenAI => new HashSet<string>(StringComparer.Ordinal) { "baseUrl", "headers", "organization", "project", "name" },
        AzureOpenAI => new HashSet<string>(StringComparer.Ordinal) { "resourceName", "apiVersion", "baseUrl", "headers", "useDeploymentBasedUrls" },
        AmazonBedrock => new HashSet<string>(StringComparer.Ordinal) { "region" },
        GoogleVertex => new HashSet<string>(StringComparer.Ordinal) { "project", "location", "baseUrl", "headers" },
        Anthropic or Google or Ollama or DeepSeek => new HashSet<string>(StringComparer.Ordinal) { "baseUrl", "headers" },
        _ => new HashSet<string>(StringComparer.Ordinal),
    };
}
