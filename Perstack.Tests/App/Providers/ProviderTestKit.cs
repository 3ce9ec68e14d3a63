using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.App.Providers.GoogleAuth;
using Perstack.Core.Providers;
using Perstack.Core.Runs;

namespace Perstack.Tests.App.Providers;

/// <summary>Requests, factories and chat histories shared by the provider tests.</summary>
internal static class ProviderTestKit
{
    public const string AnthropicKey = "sk-ant-test-0123456789abcdef";
    public const string OpenAIKey = "sk-openai-test-0123456789abcdef";

    public static readonly AIFunctionDeclaration Think = Tool(
        "think", """{"type":"object","properties":{"thought":{"type":"string"},"nextThoughtNeeded":{"type":"boolean"}},"required":["thought"]}""");

    public static readonly AIFunctionDeclaration AttemptCompletion = Tool("attemptCompletion", """{"type":"object","properties":{}}""");

    /// <summary>A factory with a tiny backoff, so retry tests stay fast.</summary>
    public static ChatClientFactory FastFactory(TimeSpan? baseDelay = null) => new(new ChatClientFactoryOptions
    {
        RetryBaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
    })
    {
        GoogleCredentials = (_, _, _) => new FakeGoogleCredentials(),
    };

    public static ProviderRequest Request(
        string provider,
        IReadOnlyDictionary<string, string?> environment,
        ProviderSettings? setting = null,
        int maxRetries = 2,
        TimeSpan? timeout = null,
        string model = "claude-sonnet-4-5") => new()
        {
            Model = new ModelSettings
            {
                Provider = ProviderName.Parse(provider),
                Model = model,
                MaxRetries = maxRetries,
                Timeout = timeout ?? TimeSpan.FromSeconds(10),
            },
            Setting = setting ?? new ProviderSettings(),
            Environment = name => environment.TryGetValue(name, out var value) ? value : null,
        };

    public static IReadOnlyDictionary<string, string?> Env(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static ChatOptions WithTools(params AITool[] tools) => new() { Tools = [.. tools], ToolMode = ChatToolMode.RequireAny };

    public static List<ChatMessage> Conversation(string query = "Say hello") =>
        [new(ChatRole.System, "You are a fake expert."), new(ChatRole.User, query)];

    /// <summary>Appends a tool call and its result, as the runtime does after a step.</summary>
    public static void AddToolRound(List<ChatMessage> history, FunctionCallContent call, string result)
    {
        history.Add(new ChatMessage(ChatRole.Assistant, [call]));
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
    }

    public static async Task<ChatResponse> StreamToResponseAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    private static AIFunctionDeclaration Tool(string name, string schema) =>
        AIFunctionFactory.CreateDeclaration(name, $"The {name} tool", JsonDocument.Parse(schema).RootElement);

    /// <summary>Google credentials that need no Google account (and never probe a metadata server).</summary>
    private sealed class FakeGoogleCredentials : IGoogleAccessTokenSource
    {
        public const string Token = "ya29.fake-vertex-token";

        public Task<GoogleAccessToken> FetchAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new GoogleAccessToken(Token, DateTimeOffset.MaxValue));
    }
}
