using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Runtime.CompilerServices;
using Anthropic.Bedrock;
using Anthropic.Vertex;
using Microsoft.Extensions.AI;
using OpenAI;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Domain;
using Perstack.Core.Providers;

namespace Perstack.App.Providers;

/// <summary>
/// Builds the chat client of a run: the provider's SDK client as an <see cref="IChatClient"/>, wrapped in
/// <see cref="RetryingChatClient"/> (retries from <see cref="ProviderRequest.MaxRetries"/>) over
/// <see cref="TimeoutChatClient"/> (limit per attempt from <see cref="ProviderRequest.Timeout"/>). The SDKs' own
/// retries are turned off. Required settings are checked before anything is sent; a <c>[provider.setting]</c> value
/// wins over its environment variable. No credential is logged or put in an error message.
/// </summary>
/// <remarks>
/// Providers: <c>anthropic</c>, <c>amazon-bedrock</c> and <c>google-vertex</c> (Claude through
/// <see cref="AnthropicChatClient"/>, with the cloud SDKs' request signing), <c>openai</c>, <c>azure-openai</c>,
/// <c>deepseek</c>, <c>ollama</c> and <c>google</c> (OpenAI SDK on the Chat Completions API of each service).
/// </remarks>
public sealed class ChatClientFactory : IChatClientFactory
{
    /// <summary>Default Anthropic endpoint (the client appends <c>/v1/messages</c>).</summary>
    public const string AnthropicDefaultBaseUrl = "https://api.anthropic.com";

    /// <summary>Default OpenAI endpoint.</summary>
    public const string OpenAIDefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>Default DeepSeek endpoint.</summary>
    public const string DeepSeekDefaultBaseUrl = "https://api.deepseek.com";

    /// <summary>Default Ollama endpoint (its OpenAI-compatible API).</summary>
    public const string OllamaDefaultBaseUrl = "http://localhost:11434/v1";

    /// <summary>Default Gemini endpoint (its OpenAI-compatible API).</summary>
    public const string GoogleDefaultBaseUrl = "https://generativelanguage.googleapis.com/v1beta/openai";

    /// <summary>Default Azure OpenAI <c>api-version</c> (the v1 API).</summary>
    public const string AzureDefaultApiVersion = "v1";

    /// <summary>Default Vertex AI location.</summary>
    public const string VertexDefaultLocation = "global";

    private static readonly TimeSpan SdkTimeoutMargin = TimeSpan.FromSeconds(30);

    private readonly ChatClientFactoryOptions _options;

    /// <summary>Creates the factory with default options.</summary>
    public ChatClientFactory()
        : this(new ChatClientFactoryOptions())
    {
    }

    /// <summary>Creates the factory.</summary>
    /// <param name="options">Backoff and clock settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ChatClientFactory(ChatClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The provider names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } =
        ["anthropic", "google", "openai", "ollama", "azure-openai", "amazon-bedrock", "google-vertex", "deepseek"];

    /// <summary>Builds Vertex credentials from (location, project); tests replace Google's Application Default Credentials.</summary>
    internal Func<string, string, IAnthropicVertexCredentials> VertexCredentials { get; init; } = GoogleDefaultCredentials;

    /// <summary>The innermost HTTP handler; tests may replace it.</summary>
    internal Func<HttpMessageHandler> HttpHandler { get; init; } = () => new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="PerstackException">The provider is unknown or a required setting is missing.</exception>
    public IChatClient Create(ProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxRetries < 0)
        {
            throw new PerstackException($"maxRetries must not be negative (got {request.MaxRetries})");
        }

        if (request.Timeout <= TimeSpan.Zero && request.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new PerstackException("timeout must be positive");
        }

        var values = new ProviderValues(request);
        var headers = values.Headers;
        var http = new HttpClient(new HttpResponseCaptureHandler(HttpHandler()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        IChatClient sdkClient;
        try
        {
            sdkClient = request.ProviderName switch
            {
                "anthropic" => CreateAnthropic(request, values, headers, http),
                "openai" => CreateOpenAI(request, values, headers, http),
                "azure-openai" => CreateAzureOpenAI(request, values, headers, http),
                "deepseek" => CreateOpenAICompatible(request, values, headers, http, "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL", DeepSeekDefaultBaseUrl),
                "google" => CreateGoogle(request, values, headers, http),
                "ollama" => CreateOllama(request, values, headers, http),
                "amazon-bedrock" => CreateBedrock(request, values, headers, http),
                "google-vertex" => CreateVertex(request, values, headers, http),
                _ => throw new PerstackException(
                    $"Unknown provider \"{request.ProviderName}\". Valid providers: {string.Join(", ", ProviderNames)}"),
            };
        }
        catch
        {
            http.Dispose();
            throw;
        }

        var builder = new ChatClientBuilder(new OwningChatClient(sdkClient, http));
        if (request.ProviderName is "azure-openai" or "deepseek")
        {
            // As the reference: these providers get no reasoning options (their APIs refuse or ignore reasoning_effort).
            builder.ConfigureOptions(options => options.Reasoning = null);
        }

        return builder
            .UseRetries(retry =>
            {
                retry.MaxRetries = request.MaxRetries;
                retry.BaseDelay = _options.RetryBaseDelay;
                retry.MaxDelay = _options.RetryMaxDelay;
                retry.MaxRetryAfter = _options.MaxRetryAfter;
                retry.TimeProvider = _options.TimeProvider;
                retry.Classifier = SdkErrorClassifier.Classify;
                retry.Secrets = values.Secrets;
                retry.OnRetry = _options.OnRetry;
            })
            .UseTimeout(request.Timeout, _options.TimeProvider)
            .UseLiveStreaming()
            .Build();
    }

    /// <summary>Normalises an Anthropic base URL: the AI SDK's form ends with <c>/v1</c>, the Anthropic SDK's does not.</summary>
    internal static string AnthropicBaseUrl(string url)
    {
        var trimmed = url.TrimEnd('/');
        return trimmed.EndsWith("/v1", StringComparison.Ordinal) ? trimmed[..^3] : trimmed;
    }

    private static TimeSpan SdkTimeout(ProviderRequest request) =>
        request.Timeout == Timeout.InfiniteTimeSpan || request.Timeout > TimeSpan.FromDays(1)
            ? TimeSpan.FromDays(1)
            : request.Timeout + SdkTimeoutMargin;

    private static Uri Endpoint(string url) =>
        Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new PerstackException($"baseUrl is not a valid http(s) URL: {url}");

    private static AnthropicChatClient CreateAnthropic(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("ANTHROPIC_API_KEY");
        var baseUrl = AnthropicBaseUrl(Endpoint(values.Optional(request.Setting.BaseUrl, "ANTHROPIC_BASE_URL") ?? AnthropicDefaultBaseUrl).ToString());
        var endpoint = AnthropicEndpoint.Anthropic(new Uri(baseUrl)) with
        {
            Headers = new Dictionary<string, string>(headers) { ["x-api-key"] = apiKey, ["anthropic-version"] = AnthropicEndpoint.ApiVersion },
        };
        return new AnthropicChatClient(http, endpoint, request.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model));
    }

    private static IChatClient CreateOpenAI(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("OPENAI_API_KEY");
        var options = OpenAIOptions(request, http, headers, values.Optional(request.Setting.BaseUrl, "OPENAI_BASE_URL") ?? OpenAIDefaultBaseUrl);
        options.OrganizationId = values.Optional(request.Setting.Organization, "OPENAI_ORGANIZATION");
        options.ProjectId = values.Optional(request.Setting.Project, "OPENAI_PROJECT");
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(request.Model).AsIChatClient();
    }

    private static IChatClient CreateOpenAICompatible(
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
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(request.Model).AsIChatClient();
    }

    private static IChatClient CreateGoogle(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var apiKey = values.RequiredSecret("GOOGLE_GENERATIVE_AI_API_KEY");
        var baseUrl = (values.Optional(request.Setting.BaseUrl, "GOOGLE_GENERATIVE_AI_BASE_URL") ?? GoogleDefaultBaseUrl).TrimEnd('/');

        // The AI SDK's setting names the native API (…/v1beta); its OpenAI-compatible API is under /openai.
        if (baseUrl.EndsWith("/v1beta", StringComparison.Ordinal))
        {
            baseUrl += "/openai";
        }

        var options = OpenAIOptions(request, http, headers, baseUrl);
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(request.Model).AsIChatClient();
    }

    private static IChatClient CreateOllama(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var baseUrl = (values.Optional(request.Setting.BaseUrl, "OLLAMA_BASE_URL") ?? OllamaDefaultBaseUrl).TrimEnd('/');

        // ollama-ai-provider's form names the native API (…/api); the OpenAI-compatible one is /v1.
        if (baseUrl.EndsWith("/api", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^4] + "/v1";
        }

        var options = OpenAIOptions(request, http, headers, baseUrl);
#pragma warning disable OPENAI001 // The authentication-policy constructor is marked experimental; it is the only way to send no key.
        return new OpenAIClient(new NoAuthenticationPolicy(), options).GetChatClient(request.Model).AsIChatClient();
#pragma warning restore OPENAI001
    }

    private static IChatClient CreateAzureOpenAI(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
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
            ? $"{prefix}/deployments/{Uri.EscapeDataString(request.Model)}"
            : $"{prefix}/v1";
        var options = OpenAIOptions(request, http, headers, endpoint);
        options.AddPolicy(new QueryParameterPolicy("api-version", apiVersion), PipelinePosition.PerCall);
        var authentication = ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(apiKey), "api-key", null);
#pragma warning disable OPENAI001 // The authentication-policy constructor is marked experimental; Azure wants the key in api-key.
        return new OpenAIClient(authentication, options).GetChatClient(request.Model).AsIChatClient();
#pragma warning restore OPENAI001
    }

    private static OpenAIClientOptions OpenAIOptions(ProviderRequest request, HttpClient http, IReadOnlyDictionary<string, string> headers, string baseUrl)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = Endpoint(baseUrl),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = SdkTimeout(request),
        };
        if (headers.Count > 0)
        {
            options.AddPolicy(new HeadersPolicy(headers), PipelinePosition.PerCall);
        }

        return options;
    }

    private static AnthropicChatClient CreateBedrock(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var accessKeyId = values.RequiredSecret("AWS_ACCESS_KEY_ID");
        var secretAccessKey = values.RequiredSecret("AWS_SECRET_ACCESS_KEY");
        var region = values.Required(request.Setting.Region, "AWS_REGION");
        var sessionToken = values.OptionalSecret("AWS_SESSION_TOKEN");
        IAnthropicBedrockCredentials credentials = sessionToken is null
            ? new AnthropicBedrockPrivateKeyCredentials { Region = region, ApiAccessKey = accessKeyId, ApiSecret = secretAccessKey }
            : new BedrockSigV4Credentials(region, accessKeyId, secretAccessKey, sessionToken);
        var baseUrl = string.IsNullOrWhiteSpace(request.Setting.BaseUrl) ? $"https://bedrock-runtime.{region}.amazonaws.com" : request.Setting.BaseUrl;
        var endpoint = AnthropicEndpoint.Bedrock(Endpoint(baseUrl)) with
        {
            Headers = headers,
            Authorize = async message => await credentials.Apply(message).ConfigureAwait(false),
        };
        return new AnthropicChatClient(http, endpoint, request.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model));
    }

    private AnthropicChatClient CreateVertex(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var project = values.Required(request.Setting.Project, "GOOGLE_VERTEX_PROJECT");
        var location = values.Optional(request.Setting.Location, "GOOGLE_VERTEX_LOCATION") ?? VertexDefaultLocation;
        var baseUrl = values.Optional(request.Setting.BaseUrl, "GOOGLE_VERTEX_BASE_URL")
            ?? $"https://{(location == "global" ? "" : location + "-")}aiplatform.googleapis.com";
        var credentials = new LazyVertexCredentials(location, project, VertexCredentials);
        var endpoint = AnthropicEndpoint.Vertex(Endpoint(baseUrl), project, location) with
        {
            Headers = headers,
            Authorize = credentials.ApplyAsync,
        };
        return new AnthropicChatClient(http, endpoint, request.Model, AnthropicOutputLimits.MaxOutputTokens(request.Model));
    }

    /// <summary>
    /// Google's Application Default Credentials. Google.Apis.Auth reads them with reflection-based JSON
    /// (Newtonsoft.Json), which Native AOT cannot run; the AOT binary leaves that code out (the check below is a
    /// constant there) and says so, and the .NET tool package, which runs on the JIT, has it.
    /// </summary>
    private static IAnthropicVertexCredentials GoogleDefaultCredentials(string location, string project) =>
        RuntimeFeature.IsDynamicCodeSupported
            ? new AnthropicVertexCredentials(location, project)
            : throw new InvalidOperationException(
                "Google Application Default Credentials are not available in the native perstack binary; use the .NET tool package (dotnet tool install -g perstack)");
}
