namespace Perstack.Core.Domain.Runs;

/// <summary>
/// The LLM provider of a run as recorded in <c>run-setting.json</c>. Credentials (API keys, AWS secrets)
/// are deliberately not modelled: they are read from the environment at run time and never written.
/// </summary>
public sealed record ProviderConfig
{
    /// <summary>One of anthropic, google, openai, ollama, azure-openai, amazon-bedrock, google-vertex, deepseek.</summary>
    public required string ProviderName { get; init; }

    /// <summary>Endpoint override.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>OpenAI organization.</summary>
    public string? Organization { get; init; }

    /// <summary>OpenAI or Vertex project.</summary>
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
}
