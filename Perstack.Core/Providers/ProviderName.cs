namespace Perstack.Core.Providers;

/// <summary>
/// An LLM provider a perstack.toml or <c>--provider</c> may name. Its statics are the one list of providers (in the
/// reference's order) and carry what differs between them, so no other code compares provider name strings.
/// Only <see cref="TryParse"/> and <see cref="Parse"/> make one from text, so an instance always names a provider
/// this version supports. Stored files keep the name as a string: a history from another Perstack may name a
/// provider this version lacks.
/// </summary>
public readonly record struct ProviderName
{
    private readonly Traits _traits;

    private ProviderName(string value, Traits traits)
    {
        Value = value;
        _traits = traits;
    }

    [Flags]
    private enum Traits
    {
        None = 0,
        ApiKey = 1,
        Bedrock = 2,
        NoReasoning = 4,
        Claude = 8,
    }

    /// <summary>Anthropic.</summary>
    public static ProviderName Anthropic { get; } = new("anthropic", Traits.ApiKey | Traits.Claude);

    /// <summary>Google Generative AI.</summary>
    public static ProviderName Google { get; } = new("google", Traits.ApiKey);

    /// <summary>OpenAI (or an OpenAI-compatible endpoint).</summary>
    public static ProviderName OpenAI { get; } = new("openai", Traits.ApiKey);

    /// <summary>Ollama.</summary>
    public static ProviderName Ollama { get; } = new("ollama", Traits.None);

    /// <summary>Azure OpenAI.</summary>
    public static ProviderName AzureOpenAI { get; } = new("azure-openai", Traits.ApiKey | Traits.NoReasoning);

    /// <summary>Amazon Bedrock.</summary>
    public static ProviderName AmazonBedrock { get; } = new("amazon-bedrock", Traits.Bedrock | Traits.Claude);

    /// <summary>Google Vertex AI.</summary>
    public static ProviderName GoogleVertex { get; } = new("google-vertex", Traits.Claude);

    /// <summary>DeepSeek.</summary>
    public static ProviderName DeepSeek { get; } = new("deepseek", Traits.ApiKey | Traits.NoReasoning);

    /// <summary>Every provider, in the reference's order.</summary>
    public static IReadOnlyList<ProviderName> All { get; } =
        [Anthropic, Google, OpenAI, Ollama, AzureOpenAI, AmazonBedrock, GoogleVertex, DeepSeek];

    /// <summary>
    /// <c>Invalid option: expected one of "anthropic"|"google"|"openai"|"ollama"|"azure-openai"|"amazon-bedrock"|"google-vertex"|"deepseek"</c>.
    /// </summary>
    public static string InvalidOptionMessage { get; } =
        "Invalid option: expected one of " + string.Join('|', All.Select(name => $"\"{name.Value}\""));

    /// <summary>The name as written in perstack.toml, on the command line and in <c>run-setting.json</c>.</summary>
    public string Value { get; }

    /// <summary>Whether the reference's schema requires an API key for this provider (recorded as an empty placeholder).</summary>
    public bool RequiresApiKey => (_traits & Traits.ApiKey) != 0;

    /// <summary>Whether this is Amazon Bedrock (AWS credentials and a region instead of an API key).</summary>
    public bool IsBedrock => (_traits & Traits.Bedrock) != 0;

    /// <summary>Whether the provider's API refuses or ignores reasoning options, so none are sent (as the reference).</summary>
    public bool RejectsReasoning => (_traits & Traits.NoReasoning) != 0;

    /// <summary>Whether the provider serves Claude models (among others: a Claude model id there wraps the Claude name).</summary>
    public bool ServesClaude => (_traits & Traits.Claude) != 0;

    /// <summary>
    /// The <c>[provider.setting]</c> keys this provider accepts (data-model §2.13); other keys are ignored, as the
    /// reference's schema strips them.
    /// </summary>
    public IReadOnlySet<string> SettingKeys =>
        this == OpenAI ? Keys("baseUrl", "headers", "organization", "project", "name")
        : this == AzureOpenAI ? Keys("resourceName", "apiVersion", "baseUrl", "headers", "useDeploymentBasedUrls")
        : this == AmazonBedrock ? Keys("region")
        : this == GoogleVertex ? Keys("project", "location", "baseUrl", "headers", "safetySettings")
        : this == Google ? Keys("baseUrl", "headers", "safetySettings")
        : Keys("baseUrl", "headers");

    /// <summary>The provider named <paramref name="text"/> (case-sensitive), if this version supports it.</summary>
    public static bool TryParse(string? text, out ProviderName name)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Value, text, StringComparison.Ordinal))
            {
                name = candidate;
                return true;
            }
        }

        name = default;
        return false;
    }

    /// <summary>The provider named <paramref name="text"/>.</summary>
    /// <exception cref="Domain.PerstackException">This version supports no provider of that name.</exception>
    public static ProviderName Parse(string text) => TryParse(text, out var name)
        ? name
        : throw new Domain.PerstackException($"Unknown provider \"{text}\". Valid providers: {string.Join(", ", All)}");

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    private static HashSet<string> Keys(params string[] keys) => new(keys, StringComparer.Ordinal);
}
