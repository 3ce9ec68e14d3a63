namespace Perstack.Core.Domain.Runs;

/// <summary>
/// The LLM provider of a run as recorded in <c>run-setting.json</c>. Credentials (API keys, AWS secrets) are read
/// from the environment at run time and never written: the fields the reference's schema requires for them
/// (<see cref="ApiKey"/>, <see cref="AccessKeyId"/>, <see cref="SecretAccessKey"/>) are read-only empty placeholders,
/// so no value can ever be put there, and a key in a file written by the TypeScript Perstack is not even read.
/// </summary>
public sealed record ProviderConfig
{
    private readonly string? _region;

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

    /// <summary>AWS region (the reference's schema requires one for amazon-bedrock: <c>""</c> when not configured).</summary>
    public string? Region
    {
        get => _region ?? (IsBedrock ? "" : null);
        init => _region = value;
    }

    /// <summary>Always <c>""</c> for providers whose reference schema requires an API key; absent otherwise.</summary>
    public string? ApiKey => Known is { RequiresApiKey: true } ? "" : null;

    /// <summary>Always <c>""</c> for amazon-bedrock (required by the reference's schema); absent otherwise.</summary>
    public string? AccessKeyId => IsBedrock ? "" : null;

    /// <summary>Always <c>""</c> for amazon-bedrock (required by the reference's schema); absent otherwise.</summary>
    public string? SecretAccessKey => IsBedrock ? "" : null;

    private bool IsBedrock => Known is { IsBedrock: true };

    /// <summary>The provider, when this version knows it (a file from another Perstack may name one it lacks).</summary>
    private Providers.ProviderName? Known => Providers.ProviderName.TryParse(ProviderName, out var known) ? known : null;

    /// <summary>Vertex location.</summary>
    public string? Location { get; init; }
}
