using System.Net;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;
using Perstack.App.Providers.Builders;
using Perstack.App.Providers.GoogleAuth;
using Perstack.Core.Domain;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Telemetry;

namespace Perstack.App.Providers;

/// <summary>
/// Builds the chat client of a run: the provider's SDK client as an <see cref="IChatClient"/>, wrapped in
/// <see cref="RetryingChatClient"/> (retries from <see cref="ModelSettings.MaxRetries"/>) over
/// <see cref="TimeoutChatClient"/> (limit per attempt from <see cref="ModelSettings.Timeout"/>). The SDKs' own
/// retries are turned off. Required settings are checked before anything is sent; a <c>[provider.setting]</c> value
/// wins over its environment variable. No credential is logged or put in an error message.
/// </summary>
/// <remarks>
/// Providers: <c>anthropic</c> and <c>google-vertex</c> with a <c>claude-*</c> model id (the Messages API through
/// <see cref="AnthropicChatClient"/>: <see cref="ClaudeClientBuilder"/>), <c>google</c> and <c>google-vertex</c> with
/// any other model id (Gemini's own API: <see cref="GeminiClientBuilder"/>), <c>amazon-bedrock</c> (the Converse API
/// for every Bedrock model: <see cref="BedrockClientBuilder"/>), <c>openai</c>, <c>azure-openai</c>, <c>deepseek</c>
/// and <c>ollama</c> (OpenAI SDK on the Chat Completions API of each service: <see cref="OpenAIClientBuilder"/>).
/// </remarks>
public sealed class ChatClientFactory : IChatClientFactory
{
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

    /// <summary>Finds Google credentials (environment lookup, HTTP client for token requests, clock); tests may replace it.</summary>
    internal Func<Func<string, string?>, HttpClient, TimeProvider, IGoogleAccessTokenSource> GoogleCredentials { get; init; } = GoogleDefaultCredentials.Find;

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
        var settings = request.Model;
        if (settings.MaxRetries < 0)
        {
            throw new PerstackException($"maxRetries must not be negative (got {settings.MaxRetries})");
        }

        if (settings.Timeout <= TimeSpan.Zero && settings.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new PerstackException("timeout must be positive");
        }

        var values = new ProviderValues(request);
        var headers = values.Headers;
        var http = new HttpClient(new HttpResponseCaptureHandler(HttpHandler()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        IChatClient sdkClient;
        try
        {
            sdkClient = SdkClient(request, values, headers, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        var builder = new ChatClientBuilder(new OwningChatClient(sdkClient, http));
        if (settings.Provider.RejectsReasoning)
        {
            // As the reference: these providers get no reasoning options (their APIs refuse or ignore reasoning_effort).
            builder.ConfigureOptions(options => options.Reasoning = null);
        }

        // One span per model call (GenAI conventions) with token usage metrics; messages only when opted in, and then
        // the model's reply is redacted before the span records it.
        var capturesContent = Telemetry.TelemetrySession.CapturesContent(request.Environment);
        builder.UseOpenTelemetry(sourceName: RuntimeTelemetry.SourceName, configure: otel => otel.EnableSensitiveData = capturesContent);
        if (capturesContent && !request.Secrets.IsEmpty)
        {
            builder.Use(inner => new RedactingChatClient(inner, request.Secrets));
        }

        return builder
            .UseRetries(retry =>
            {
                retry.MaxRetries = settings.MaxRetries;
                retry.BaseDelay = _options.RetryBaseDelay;
                retry.MaxDelay = _options.RetryMaxDelay;
                retry.MaxRetryAfter = _options.MaxRetryAfter;
                retry.TimeProvider = _options.TimeProvider;
                retry.Classifier = SdkErrorClassifier.Classify;
                retry.Secrets = values.Secrets;
                retry.OnRetry = _options.OnRetry;
            })
            .UseTimeout(settings.Timeout, _options.TimeProvider)
            .UseLiveStreaming()
            .Build();
    }

    private IChatClient SdkClient(ProviderRequest request, ProviderValues values, IReadOnlyDictionary<string, string> headers, HttpClient http)
    {
        var provider = request.Model.Provider;
        return provider switch
        {
            _ when provider == ProviderName.Anthropic => ClaudeClientBuilder.Anthropic(request, values, headers, http),
            _ when provider == ProviderName.OpenAI => OpenAIClientBuilder.OpenAI(request, values, headers, http),
            _ when provider == ProviderName.AzureOpenAI => OpenAIClientBuilder.AzureOpenAI(request, values, headers, http),
            _ when provider == ProviderName.DeepSeek => OpenAIClientBuilder.OpenAICompatible(
                request, values, headers, http, "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL", OpenAIClientBuilder.DeepSeekDefaultBaseUrl),
            _ when provider == ProviderName.Google => GeminiClientBuilder.Google(request, values, headers, http),
            _ when provider == ProviderName.Ollama => OpenAIClientBuilder.Ollama(request, values, headers, http),
            _ when provider == ProviderName.AmazonBedrock => BedrockClientBuilder.Bedrock(request, values, headers, http),
            _ when provider == ProviderName.GoogleVertex => GeminiClientBuilder.IsClaudeOnVertex(request.Model.Model)
                ? ClaudeClientBuilder.Vertex(request, values, headers, http, VertexAuthorizer(request, http))
                : GeminiClientBuilder.Vertex(request, values, headers, http, VertexAuthorizer(request, http)),

            // Only default(ProviderName) gets here: every parsed name is handled above.
            _ => throw new PerstackException($"Unknown provider \"{provider}\". Valid providers: {string.Join(", ", ProviderName.All)}"),
        };
    }

    /// <summary>Normalises an Anthropic base URL: the AI SDK's form ends with <c>/v1</c>, the Anthropic SDK's does not.</summary>
    internal static string AnthropicBaseUrl(string url)
    {
        var trimmed = url.TrimEnd('/');
        return trimmed.EndsWith("/v1", StringComparison.Ordinal) ? trimmed[..^3] : trimmed;
    }

    /// <summary>The SDK's own network timeout: a margin past ours, so that ours, which names the limit, fires first.</summary>
    internal static TimeSpan SdkTimeout(ProviderRequest request) =>
        request.Model.Timeout == Timeout.InfiniteTimeSpan || request.Model.Timeout > TimeSpan.FromDays(1)
            ? TimeSpan.FromDays(1)
            : request.Model.Timeout + SdkTimeoutMargin;

    /// <summary>A configured base URL as an absolute http(s) URI.</summary>
    /// <exception cref="PerstackException">It is not one.</exception>
    internal static Uri Endpoint(string url) =>
        Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new PerstackException($"baseUrl is not a valid http(s) URL: {url}");

    /// <summary>Vertex AI's bearer tokens from Google Application Default Credentials (see <see cref="GoogleDefaultCredentials"/>).</summary>
    private GoogleBearerAuthorizer VertexAuthorizer(ProviderRequest request, HttpClient http) =>
        new(() => GoogleCredentials(request.Environment, http, _options.TimeProvider), _options.TimeProvider);
}
