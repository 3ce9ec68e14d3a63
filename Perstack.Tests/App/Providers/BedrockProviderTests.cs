using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>amazon-bedrock on the Converse API (every Bedrock model), pointed at the scripted LLM.</summary>
[TestFixture]
public sealed class BedrockProviderTests
{
    private const string Claude = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    private static IReadOnlyDictionary<string, string?> Keys(params (string, string?)[] more) =>
        Env([("AWS_ACCESS_KEY_ID", "AKIATESTACCESSKEY"), ("AWS_SECRET_ACCESS_KEY", "secret-access-key-test"), ("AWS_REGION", "us-east-1"), .. more]);

    private ProviderSettings AtServer => new() { BaseUrl = _llm.Origin };

    [Test]
    public async Task Converse_posts_the_model_path_with_a_sigv4_signature()
    {
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: Claude));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        response.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        response.Usage!.InputTokenCount.Should().Be(150);
        var request = _llm.Requests.Single();
        request.Api.Should().Be(ScriptedLlmApi.BedrockConverse);
        request.Path.Should().Be("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
        request.Header("Authorization").Should().StartWith("AWS4-HMAC-SHA256 Credential=AKIATESTACCESSKEY/").And.Contain("/us-east-1/bedrock/aws4_request");
        request.Header("x-amz-security-token").Should().BeNull();
        request.Body.Should().NotContain("secret-access-key-test");
        var body = request.Json!;
        body["system"]![0]!["text"]!.GetValue<string>().Should().Be("You are a fake expert.");
        body["toolConfig"]!["toolChoice"]!.ToJsonString().Should().Be("""{"any":{}}""");
        body["inferenceConfig"]!["maxTokens"]!.GetValue<int>().Should().Be(64_000, "Claude needs a max_tokens, as on the Messages API");
    }

    [Test]
    public async Task ConverseStream_reads_the_event_stream_and_sends_the_tool_round_back()
    {
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: Claude));
        var history = Conversation();

        var first = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        AddToolRound(history, call, "thought recorded");
        var second = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));

        call.Name.Should().Be("think");
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Say hello");
        first.Usage!.OutputTokenCount.Should().Be(25);
        second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("attemptCompletion");
        _llm.Requests[0].Path.Should().EndWith("/converse-stream");
        var result = _llm.Requests[1].Json!["messages"]![2]!["content"]![0]!["toolResult"]!;
        result["toolUseId"]!.GetValue<string>().Should().Be(call.CallId);
        result["content"]![0]!["text"]!.GetValue<string>().Should().Be("thought recorded");
    }

    [TestCase(true, "prelude")]
    [TestCase(false, "message")]
    public async Task A_corrupt_event_stream_frame_fails_loudly(bool inPrelude, string which)
    {
        _llm.Enqueue(ScriptedReply.CorruptFrame(inPrelude));
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: Claude, maxRetries: 0));

        var act = () => StreamToResponseAsync(client, Conversation(), WithTools(Think));

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain($"Event-stream {which} CRC mismatch");
    }

    [Test]
    public async Task Thinking_goes_to_claude_in_additional_fields_and_comes_back_signed()
    {
        _llm.Thinking = "Pondering hello.";
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: Claude));
        var options = WithTools(Think);
        ReasoningRequest.Apply(options, ReasoningBudget.FromTokens(5_000), 0.3);

        var response = await client.GetResponseAsync(Conversation(), options);
        var streamed = await StreamToResponseAsync(client, Conversation(), options);

        foreach (var reply in new[] { response, streamed })
        {
            var reasoning = reply.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Where(r => r.Text.Length > 0).Single();
            reasoning.Text.Should().Be("Pondering hello.");
            reply.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Should().Contain(r => r.ProtectedData != null && r.ProtectedData.StartsWith("sig_fake"));
        }

        var body = _llm.Requests[0].Json!;
        body["additionalModelRequestFields"]!.ToJsonString().Should().Be("""{"thinking":{"type":"enabled","budget_tokens":5000}}""");
        body["inferenceConfig"]!["temperature"].Should().BeNull("Claude takes no temperature while thinking");
    }

    [Test]
    public async Task Other_models_get_the_common_fields_only()
    {
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: "meta.llama3-3-70b-instruct-v1:0"));
        var options = WithTools(Think);
        ReasoningRequest.Apply(options, ReasoningBudget.FromTokens(5_000), 0.3);

        var response = await client.GetResponseAsync(Conversation(), options);

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        var body = _llm.Requests.Single().Json!;
        body["additionalModelRequestFields"].Should().BeNull();
        body["inferenceConfig"]!["maxTokens"].Should().BeNull("the model's own default applies");
    }

    [Test]
    public async Task Temporary_credentials_sign_with_the_session_token_and_the_setting_region()
    {
        var setting = new ProviderSettings { BaseUrl = _llm.Origin, Region = "eu-west-1" };
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(("AWS_SESSION_TOKEN", "session-token-test")), setting, model: Claude));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Header("x-amz-security-token").Should().Be("session-token-test");
        request.Header("Authorization").Should().Contain("/eu-west-1/bedrock/aws4_request").And.Contain("x-amz-security-token");
    }

    [Test]
    public async Task A_bedrock_api_key_is_sent_as_a_bearer_token_and_the_standard_endpoint_variable_is_honoured()
    {
        var env = Env(("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-test-0123"), ("AWS_REGION", "us-west-2"), ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", _llm.Origin));
        using var client = FastFactory().Create(Request("amazon-bedrock", env, model: "amazon.nova-pro-v1:0"));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Header("Authorization").Should().Be("Bearer bedrock-api-key-test-0123");
        request.Header("x-amz-date").Should().BeNull();
    }

    [Test]
    public async Task Throttling_is_retried()
    {
        _llm.Enqueue(ScriptedReply.Status(429));
        using var client = FastFactory().Create(Request("amazon-bedrock", Keys(), AtServer, model: Claude));

        await client.GetResponseAsync(Conversation());

        _llm.Requests.Should().HaveCount(2);
    }
}
