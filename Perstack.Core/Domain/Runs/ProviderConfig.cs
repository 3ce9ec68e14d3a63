using Perstack.Core.Providers;

namespace Perstack.Core.Domain.Runs;

/// <summary>
/// The LLM provider of a run as recorded in <c>run-setting.json</c>: the wire form of <see cref="ProviderSettings"/>,
/// whose values it holds, plus the provider's name. Its fields are flat, in the reference's order, and it never holds
/// <see cref="ProviderSettings.Headers"/> (header values may be secrets). Credentials (API keys, AWS secrets) are read
/// from the environment at run time and never written: the fields the reference's schema requires for them
/// (<see cref="ApiKey"/>, <see cref="AccessKeyId"/>, <see cref="SecretAccessKey"/>) are read-only empty placeholders,
/// so no value can ever be put there, and a key in a file written by the TypeScript Perstack is not even read.
/// </summary>
public sealed record ProviderConfig
{
    private readonly ProviderSettings _settings = new();

    /// <summary>One of anthropic, google, openai, ollama, azure-openai, amazon-bedrock, google-vertex, deepseek.</summary>
    /// <remarks>A string, not a <see cref="Providers.ProviderName"/>: a history from another Perstack may name a provider this version lacks.</remarks>
    public required string ProviderName { get; init; }

    /// <inheritdoc cref="ProviderSettings.BaseUrl"/>
    public string? BaseUrl { get => _settings.BaseUrl; init => _settings = _settings with { BaseUrl = value }; }

    /// <inheritdoc cref="ProviderSettings.Organization"/>
    public string? Organization { get => _settings.Organization; init => _settings = _settings with { Organization = value }; }

    /// <inheritdoc cref="ProviderSettings.Project"/>
    public string? Project { get => _settings.Project; init => _settings = _settings with { Project = value }; }

    /// <inheritdoc cref="ProviderSettings.Name"/>
    public string? Name { get => _settings.Name; init => _settings = _settings with { Name = value }; }

    /// <inheritdoc cref="ProviderSettings.ResourceName"/>
    public string? ResourceName { get => _settings.ResourceName; init => _settings = _settings with { ResourceName = value }; }

    /// <inheritdoc cref="ProviderSettings.ApiVersion"/>
    public string? ApiVersion { get => _settings.ApiVersion; init => _settings = _settings with { ApiVersion = value }; }

    /// <inheritdoc cref="ProviderSettings.UseDeploymentBasedUrls"/>
    public bool? UseDeploymentBasedUrls { get => _settings.UseDeploymentBasedUrls; init => _settings = _settings with { UseDeploymentBasedUrls = value }; }

    /// <summary>AWS region (the reference's schema requires one for amazon-bedrock: <c>""</c> when not configured).</summary>
    public string? Region
    {
        get => _settings.Region ?? (IsBedrock ? "" : null);
        init => _settings = _settings with { Region = value };
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

    /// <inheritdoc cref="ProviderSettings.Location"/>
    public string? Location { get => _settings.Location; init => _settings = _settings with { Location = value }; }

    /// <summary>
    /// What a run records of its provider: the name, the endpoint override and the AWS region (today's projection;
    /// the other settings are not recorded).
    /// </summary>
    public static ProviderConfig For(Providers.ProviderName provider, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new() { ProviderName = provider.Value, BaseUrl = settings.BaseUrl, Region = settings.Region };
    }
}
