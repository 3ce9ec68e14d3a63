using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Perstack.Core.Domain;
using Perstack.Core.Providers;

namespace Perstack.App.Providers.Builders;

/// <summary>
/// The chat clients of the providers reached through the OpenAI SDK on each service's Chat Completions API: OpenAI,
/// Azure OpenAI, DeepSeek and Ollama.
/// </summary>
internal static class OpenAIClientBuilder
{
    /// <summary>Default OpenAI endpoint.</summary>
    public const string OpenAIDefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>Default DeepSeek endpoint.</summary>
    public const string DeepSeekDefaultBaseUrl = "https://api.deepseek.com";

    /// <summary>Default Ollama endpoint (its OpenAI-compatible API).</summary>
    public const string OllamaDefaultBaseUrl = "http://localhost:11434/v1";

    /// <summary>Default Azure OpenAI <c>api-version</c> (the v1 API).</summary>
    public const string AzureDefaultApiVersion = "v1";

    public static IChatClient OpenAI(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("OPENAI_API_KEY");
        var options = OpenAIOptions(request, http, headers, values.Optional(request.Setting.BaseUrl, "OPENAI_BASE_URL") ?? OpenAIDefaultBaseUrl);
        options.OrganizationId = values.Optional(request.Setting.Organization, "OPENAI_ORGANIZATION");
        options.ProjectId = values.Optional(request.Setting.Project, "OPENAI_PROJECT");
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(request.Model.Model).AsIChatClient();
    }

    public static IChatClient OpenAICompatible(
        ProviderRequest request,
        ProviderValues values,
        IReadOnlyDictionary<string, string> headers,
        HttpClient http,
        string apiKeyVariable,
        string baseUrlVariable,
        string defaultBaseUrl)
    {
        var apiKey = values.RequiredSecret(apiKeyVariable);
        var options = OpenAIOptions(request, http, headers, values.Optional(request.Setting.BaseUrl, baseUrlVariable) ?? defaultBaseUrl);
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(request.Model.Model).AsIChatClient();
    }

    public static IChatClient Ollama(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var baseUrl = (values.Optional(request.Setting.BaseUrl, "OLLAMA_BASE_URL") ?? OllamaDefaultBaseUrl).TrimEnd('/');

        // ollama-ai-provider's form names the native API (…/api); the OpenAI-compatible one is /v1.
        if (baseUrl.EndsWith("/api", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^4] + "/v1";
        }

        var options = OpenAIOptions(request, http, headers, baseUrl);
#pragma warning disable OPENAI001 // The authentication-policy constructor is marked experimental; it is the only way to send no key.
        return new OpenAIClient(new NoAuthenticationPolicy(), options).GetChatClient(request.Model.Model).AsIChatClient();
#pragma warning restore OPENAI001
    }

    public static IChatClient AzureOpenAI(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("AZURE_API_KEY");
        var baseUrl = values.Optional(request.Setting.BaseUrl, "AZURE_BASE_URL");
        var resourceName = values.Optional(request.Setting.ResourceName, "AZURE_RESOURCE_NAME");
        if (baseUrl is null && resourceName is null)
        {
            throw new PerstackException("AZURE_RESOURCE_NAME or baseUrl is not set");
        }

        var apiVersion = values.Optional(request.Setting.ApiVersion, "AZURE_API_VERSION") ?? AzureDefaultApiVersion;
        var prefix = (baseUrl ?? $"https://{resourceName}.openai.azure.com/openai").TrimEnd('/');
        var endpoint = request.Setting.UseDeploymentBasedUrls == true
            ? $"{prefix}/deployments/{Uri.EscapeDataString(request.Model.Model)}"
            : $"{prefix}/v1";
        var options = OpenAIOptions(request, http, headers, endpoint);
        options.AddPolicy(new QueryParameterPolicy("api-version", apiVersion), PipelinePosition.PerCall);
        var authentication = ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(apiKey), "api-key", null);
#pragma warning disable OPENAI001 // The authentication-policy constructor is marked experimental; Azure wants the key in api-key.
        return new OpenAIClient(authentication, options).GetChatClient(request.Model.Model).AsIChatClient();
#pragma warning restore OPENAI001
    }

    private static OpenAIClientOptions OpenAIOptions(ProviderRequest request, HttpClient http, IReadOnlyDictionary<string, string> headers, string baseUrl)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = ChatClientFactory.Endpoint(baseUrl),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = ChatClientFactory.SdkTimeout(request),
        };
        if (headers.Count > 0)
        {
            options.AddPolicy(new HeadersPolicy(headers), PipelinePosition.PerCall);
        }

        return options;
    }
}
