using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>The anthropic provider against the scripted LLM speaking the Messages API.</summary>
[TestFixture]
public sealed class AnthropicProviderTests
{
    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    [Test]
    public async Task Tool_call_round_trip_maps_calls_usage_and_finish_reason()
    {
        using var client = FastFactory().Create(AnthropicRequest());
        var history = Conversation();

        var first = await client.GetResponseAsync(history, WithTools(Think, AttemptCompletion));

        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.Name.Should().Be("think");
        call.CallId.Should().StartWith("toolu_fake");
        call.Arguments.Should().NotBeNull();
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Say hello");
        first.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        first.Usage!.InputTokenCount.Should().Be(150);
        first.Usage.OutputTokenCount.Should().Be(25);
        first.ModelId.Should().Be("claude-sonnet-4-5");

        AddToolRound(history, call, """{"nextThoughtNeeded":false,"thoughtHistoryLength":1}""");
        var second = await client.GetResponseAsync(history, WithTools(Think, AttemptCompletion));
        var completion = second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        completion.Name.Should().Be("attemptCompletion");
        second.Usage!.InputTokenCount.Should().Be(250);

        AddToolRound(history, completion, "{}");
        var final = await client.GetResponseAsync(history);
        final.Text.Should().Be("Fake final answer. Query was: 'Say hello'. Tools used in this turn: think, attemptCompletion.");
        final.FinishReason.Should().Be(ChatFinishReason.Stop);
        final.Usage!.InputTokenCount.Should().Be(350);

        var sent = _llm.Requests;
        sent.Should().HaveCount(3);
        sent.Should().OnlyContain(r => r.Path == "/v1/messages" && r.Api == ScriptedLlmApi.Anthropic && !r.IsStreaming);
        var body = sent[1].Json!;
        body["messages"]!.AsArray().Should().HaveCount(3);
        body["system"]!.ToJsonString().Should().Contain("You are a fake expert.");
        body["tool_choice"]!["type"]!.GetValue<string>().Should().Be("any");
        body["max_tokens"]!.GetValue<int>().Should().Be(64_000);
    }

    [Test]
    public async Task Streaming_round_trip_assembles_tool_call_text_and_usage()
    {
        using var client = FastFactory().Create(AnthropicRequest());
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
        var completion = second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        AddToolRound(history, completion, "{}");
        var final = await StreamToResponseAsync(client, history, null);

        final.Text.Should().Be("Fake final answer. Query was: 'Stream please'. Tools used in this turn: think, attemptCompletion.");
        final.FinishReason.Should().Be(ChatFinishReason.Stop);
        _llm.Requests.Should().HaveCount(3).And.OnlyContain(r => r.IsStreaming);
    }

    [Test]
    public async Task Api_key_goes_in_the_x_api_key_header_and_setting_headers_are_sent()
    {
        var setting = new ProviderSettings { BaseUrl = _llm.AnthropicBaseUrl, Headers = new Dictionary<string, string> { ["x-team"] = "blue-team-header" } };
        using var client = FastFactory().Create(Request("anthropic", Env(("ANTHROPIC_API_KEY", AnthropicKey)), setting));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Header("x-api-key").Should().Be(AnthropicKey);
        request.Header("Authorization").Should().BeNull();
        request.Header("anthropic-version").Should().Be("2023-06-01");
        request.Header("x-team").Should().Be("blue-team-header");
    }

    [Test]
    public async Task Base_url_comes_from_the_environment_when_the_setting_has_none()
    {
        var env = Env(("ANTHROPIC_API_KEY", AnthropicKey), ("ANTHROPIC_BASE_URL", _llm.Origin));
        using var client = FastFactory().Create(Request("anthropic", env));

        var response = await client.GetResponseAsync(Conversation());

        response.Text.Should().StartWith("Fake final answer.");
        _llm.Requests.Single().Path.Should().Be("/v1/messages");
    }

    [Test]
    public async Task Text_only_reply_comes_back_without_tool_calls()
    {
        _llm.Enqueue(ScriptedReply.Text("I would rather not call a tool."));
        using var client = FastFactory().Create(AnthropicRequest());

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));

        response.Text.Should().Be("I would rather not call a tool.");
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Should().BeEmpty();
        response.FinishReason.Should().Be(ChatFinishReason.Stop);
    }

    private ProviderRequest AnthropicRequest() =>
        Request("anthropic", Env(("ANTHROPIC_API_KEY", AnthropicKey)), new ProviderSettings { BaseUrl = _llm.AnthropicBaseUrl });
}
