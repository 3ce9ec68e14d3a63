namespace Perstack.Core.Providers;

/// <summary>The <c>[provider.setting]</c> table of perstack.toml (no secrets: keys come from the environment).</summary>
public sealed record ProviderSettings
{
    /// <summary>Endpoint override.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Extra HTTP headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>OpenAI organization.</summary>
    public string? Organization { get; init; }

    /// <summary>OpenAI / Vertex project.</summary>
    public string? Project { get; init; }

    /// <summary>OpenAI-compatible provider name.</summary>
    public string? Name { get; init; }

    /// <summary>Azure resource name.</summary>
    public string? ResourceName { get; init; }

    /// <summary>Azure API version.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Azure deployment-based URLs.</summary>
    public bool? UseDeploymentBasedUrls { get; init; }

    /// <summary>AWS region.</summary>
    public string? Region { get; init; }

    /// <summary>Vertex location.</summary>
    public string? Location { get; init; }

    /// <summary>Gemini safety settings (<c>google</c>, <c>google-vertex</c>), sent with every Gemini request.</summary>
    public IReadOnlyList<GeminiSafetySetting>? SafetySettings { get; init; }
}
