using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>The openai provider and the OpenAI-compatible ones against the scripted LLM speaking Chat Completions.</summary>
[TestFixture]
public sealed class OpenAIProviderTests
{
    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    [Test]
    public async Task Tool_call_round_trip_maps_calls_usage_and_finish_reason()
    {
        using var client = FastFactory().Create(OpenAIRequest());
        var history = Conversation();

        var first = await client.GetResponseAsync(history, WithTools(Think, AttemptCompletion));

        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.Name.Should().Be("think");
        call.CallId.Should().StartWith("call_fake");
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Say hello");
        first.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        first.Usage!.InputTokenCount.Should().Be(150);
        first.Usage.OutputTokenCount.Should().Be(25);
        first.Usage.TotalTokenCount.Should().Be(175);

        AddToolRound(history, call, """{"nextThoughtNeeded":false}""");
        var second = await client.GetResponseAsync(history, WithTools(Think, AttemptCompletion));
        var completion = second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        completion.Name.Should().Be("attemptCompletion");
        second.Usage!.InputTokenCount.Should().Be(250);

        AddToolRound(history, completion, "{}");
        var final = await client.GetResponseAsync(history);
        final.Text.Should().Be("Fake final answer. Query was: 'Say hello'. Tools used in this turn: think, attemptCompletion.");
        final.FinishReason.Should().Be(ChatFinishReason.Stop);

        var sent = _llm.Requests;
        sent.Should().HaveCount(3).And.OnlyContain(r => r.Path == "/v1/chat/completions" && r.Api == ScriptedLlmApi.OpenAI);
        var body = sent[1].Json!;
        body["model"]!.GetValue<string>().Should().Be("gpt-5");
        body["tool_choice"]!.GetValue<string>().Should().Be("required");
        body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()).Should().Equal("system", "user", "assistant", "tool");
    }

    [Test]
    public async Task Streaming_round_trip_assembles_tool_call_and_usage()
    {
        using var client = FastFactory().Create(OpenAIRequest());
        var history = Conversation("Stream please");

        var first = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));

        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.Name.Should().Be("think");
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Stream please");
        first.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        first.Usage!.InputTokenCount.Should().Be(150);
        first.Usage.OutputTokenCount.Should().Be(25);

        AddToolRound(history, call, "{}");
        var second = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));
        AddToolRound(history, second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single(), "{}");
        var final = await StreamToResponseAsync(client, history, null);

        final.Text.Should().Be("Fake final answer. Query was: 'Stream please'. Tools used in this turn: think, attemptCompletion.");
        var sent = _llm.Requests;
        sent.Should().OnlyContain(r => r.IsStreaming);
        sent[0].Json!["stream_options"]!["include_usage"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Api_key_organization_project_and_headers_are_sent()
    {
        var setting = new ProviderSettings
        {
            BaseUrl = _llm.OpenAIBaseUrl,
            Organization = "org-setting",
            Headers = new Dictionary<string, string> { ["x-team"] = "blue-team-header" },
        };
        var env = Env(("OPENAI_API_KEY", OpenAIKey), ("OPENAI_ORGANIZATION", "org-env"), ("OPENAI_PROJECT", "proj-env"));
        using var client = FastFactory().Create(Request("openai", env, setting, model: "gpt-5"));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Header("Authorization").Should().Be($"Bearer {OpenAIKey}");
        request.Header("OpenAI-Organization").Should().Be("org-setting", "the setting wins over the environment");
        request.Header("OpenAI-Project").Should().Be("proj-env");
        request.Header("x-team").Should().Be("blue-team-header");
    }

    [Test]
    public async Task Deepseek_round_trip_through_base_url()
    {
        var env = Env(("DEEPSEEK_API_KEY", "sk-deepseek-test-key"));
        using var client = FastFactory().Create(Request("deepseek", env, new ProviderSettings { BaseUrl = _llm.BaseUrl }, model: "deepseek-chat"));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));
        var streamed = await StreamToResponseAsync(client, Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        streamed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        _llm.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Path == "/v1/chat/completions" && r.Header("Authorization") == "Bearer sk-deepseek-test-key");
    }

    [Test]
    public async Task Ollama_needs_no_key_and_sends_no_authorization()
    {
        var env = Env(("OLLAMA_BASE_URL", $"{_llm.Origin}/api"));
        using var client = FastFactory().Create(Request("ollama", env, model: "gpt-oss:20b"));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        var request = _llm.Requests.Single();
        request.Path.Should().Be("/v1/chat/completions", "the native /api base URL is mapped to the OpenAI-compatible /v1");
        request.Header("Authorization").Should().BeNull();
    }

    [Test]
    public async Task Azure_v1_url_with_api_version_and_api_key_header()
    {
        var env = Env(("AZURE_API_KEY", "azure-test-key-123"), ("AZURE_API_VERSION", "preview"));
        var setting = new ProviderSettings { BaseUrl = $"{_llm.Origin}/openai" };
        using var client = FastFactory().Create(Request("azure-openai", env, setting, model: "gpt-4.1"));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Path.Should().Be("/openai/v1/chat/completions");
        request.Query.Should().Be("api-version=preview");
        request.Header("api-key").Should().Be("azure-test-key-123");
        request.Header("Authorization").Should().BeNull();
    }

    [Test]
    public async Task Azure_deployment_based_url()
    {
        var env = Env(("AZURE_API_KEY", "azure-test-key-123"));
        var setting = new ProviderSettings { BaseUrl = $"{_llm.Origin}/openai", UseDeploymentBasedUrls = true, ApiVersion = "2025-01-01-preview" };
        using var client = FastFactory().Create(Request("azure-openai", env, setting, model: "my-deployment"));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Path.Should().Be("/openai/deployments/my-deployment/chat/completions");
        request.Query.Should().Be("api-version=2025-01-01-preview");
    }

    private ProviderRequest OpenAIRequest() =>
        Request("openai", Env(("OPENAI_API_KEY", OpenAIKey)), new ProviderSettings { BaseUrl = _llm.OpenAIBaseUrl }, model: "gpt-5");
}
