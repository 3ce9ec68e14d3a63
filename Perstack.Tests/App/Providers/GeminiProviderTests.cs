using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>google and google-vertex (Gemini model ids) on Gemini's own API, pointed at the scripted LLM.</summary>
[TestFixture]
public sealed class GeminiProviderTests
{
    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    private IReadOnlyDictionary<string, string?> GoogleEnv => Env(("GOOGLE_GENERATIVE_AI_API_KEY", "google-test-key-123"), ("GOOGLE_GENERATIVE_AI_BASE_URL", $"{_llm.Origin}/v1beta"));

    [Test]
    public async Task Google_generates_content_with_the_api_key_header_and_reads_the_function_call()
    {
        using var client = FastFactory().Create(Request("google", GoogleEnv, model: "gemini-2.5-pro"));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think, AttemptCompletion));

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        call.Name.Should().Be("think");
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Say hello");
        call.CallId.Should().StartWith("call_", "Gemini sends no id, so the client makes one");
        response.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        response.Usage!.InputTokenCount.Should().Be(150);
        response.Usage.OutputTokenCount.Should().Be(25);
        var request = _llm.Requests.Single();
        request.Path.Should().Be("/v1beta/models/gemini-2.5-pro:generateContent");
        request.Header("x-goog-api-key").Should().Be("google-test-key-123");
        request.Header("Authorization").Should().BeNull();
        var body = request.Json!;
        body["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>().Should().Be("You are a fake expert.");
        body["toolConfig"]!["functionCallingConfig"]!["mode"]!.GetValue<string>().Should().Be("ANY");
        body["tools"]![0]!["functionDeclarations"]![0]!["parametersJsonSchema"]!["required"]![0]!.GetValue<string>().Should().Be("thought");
    }

    [Test]
    public async Task Google_streams_server_sent_events_and_sends_the_tool_round_back()
    {
        using var client = FastFactory().Create(Request("google", GoogleEnv, model: "gemini-2.5-flash"));
        var history = Conversation();

        var first = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        AddToolRound(history, call, "thought recorded");
        var second = await StreamToResponseAsync(client, history, WithTools(Think, AttemptCompletion));

        call.Name.Should().Be("think");
        second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("attemptCompletion");
        second.Usage!.InputTokenCount.Should().Be(250);
        second.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        _llm.Requests[0].Path.Should().Be("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        _llm.Requests[0].Query.Should().Be("alt=sse");
        var contents = _llm.Requests[1].Json!["contents"]!.AsArray();
        contents.Select(c => c!["role"]!.GetValue<string>()).Should().Equal("user", "model", "user");
        var sentCall = contents[1]!["parts"]![0]!;
        sentCall["functionCall"]!["id"]!.GetValue<string>().Should().Be(call.CallId);
        sentCall["thoughtSignature"]!.GetValue<string>().Should().Be("skip_thought_signature_validator", "Gemini 3 needs a signature on the turn's first call");
        var result = contents[2]!["parts"]![0]!["functionResponse"]!;
        result["name"]!.GetValue<string>().Should().Be("think");
        result["id"]!.GetValue<string>().Should().Be(call.CallId);
        result["response"]!["content"]!.GetValue<string>().Should().Be("thought recorded");
    }

    [Test]
    public async Task Reasoning_budget_becomes_the_thinking_config_and_thoughts_come_back_as_reasoning()
    {
        _llm.Thinking = "Let me think about hello.";
        using var client = FastFactory().Create(Request("google", GoogleEnv, model: "gemini-2.5-pro"));
        var options = WithTools(Think);
        ReasoningRequest.Apply(options, ReasoningBudget.FromTokens(5_000), 0.3);

        var response = await client.GetResponseAsync(Conversation(), options);
        var streamed = await StreamToResponseAsync(client, Conversation(), options);

        foreach (var reply in new[] { response, streamed })
        {
            var contents = reply.Messages.SelectMany(m => m.Contents).ToList();
            contents.OfType<TextReasoningContent>().Select(r => r.Text).Should().Equal("Let me think about hello.");
            var call = contents.OfType<FunctionCallContent>().Single();
            call.AdditionalProperties!["gemini.thoughtSignature"].Should().BeOfType<string>().Which.Should().StartWith("sig_fake");
            reply.Usage!.OutputTokenCount.Should().Be(35, "the output counts the thoughts");
            reply.Usage.ReasoningTokenCount.Should().Be(10);
        }

        var thinking = _llm.Requests[0].Json!["generationConfig"]!["thinkingConfig"]!;
        thinking.ToJsonString().Should().Be("""{"thinkingBudget":5000,"includeThoughts":true}""");
    }

    [Test]
    public async Task Google_retries_resource_exhausted_and_reports_the_api_message()
    {
        _llm.Enqueue(ScriptedReply.Status(429), ScriptedReply.Status(400, body: GeminiWireError("API key not valid. Please pass a valid API key.")));
        using var client = FastFactory().Create(Request("google", GoogleEnv, model: "gemini-2.5-pro"));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Contain("API key not valid");
        _llm.Requests.Should().HaveCount(2, "the 429 is retried, the 400 is not");
    }

    [TestCase("google")]
    [TestCase("google-vertex")]
    public async Task Safety_settings_of_the_provider_setting_go_on_every_gemini_request(string provider)
    {
        var env = provider == "google" ? GoogleEnv : Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_BASE_URL", _llm.Origin));
        var setting = new ProviderSettings
        {
            SafetySettings = [new("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH"), new("HARM_CATEGORY_DANGEROUS_CONTENT", "BLOCK_NONE")],
        };
        using var client = FastFactory().Create(Request(provider, env, setting, model: "gemini-2.5-pro"));

        await client.GetResponseAsync(Conversation());
        await StreamToResponseAsync(client, Conversation(), null);

        _llm.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Json!["safetySettings"]!.ToJsonString() ==
            """[{"category":"HARM_CATEGORY_HATE_SPEECH","threshold":"BLOCK_ONLY_HIGH"},{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","threshold":"BLOCK_NONE"}]""");
    }

    [Test]
    public async Task Without_safety_settings_the_request_leaves_them_to_gemini()
    {
        using var client = FastFactory().Create(Request("google", GoogleEnv, model: "gemini-2.5-pro"));

        await client.GetResponseAsync(Conversation());

        _llm.Requests.Single().Json!.AsObject().ContainsKey("safetySettings").Should().BeFalse();
    }

    [Test]
    public async Task Vertex_sends_gemini_model_ids_to_the_google_publisher_with_the_bearer_token()
    {
        var env = Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_LOCATION", "us-central1"), ("GOOGLE_VERTEX_BASE_URL", _llm.Origin));
        using var client = FastFactory().Create(Request("google-vertex", env, model: "gemini-2.5-flash"));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));
        var streamed = await StreamToResponseAsync(client, Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        streamed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        _llm.Requests.Select(r => r.Path).Should().Equal(
            "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
            "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:streamGenerateContent");
        _llm.Requests.Should().OnlyContain(r => r.Header("Authorization") == "Bearer ya29.fake-vertex-token" && r.Header("x-goog-api-key") == null);
    }

    [Test]
    public async Task Vertex_takes_the_ai_sdk_base_url_form_for_gemini_and_its_origin_for_claude()
    {
        var aiSdkBase = $"{_llm.Origin}/v1/projects/other-project/locations/europe-west4/publishers/google";
        var env = Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_LOCATION", "europe-west4"), ("GOOGLE_VERTEX_BASE_URL", aiSdkBase));
        using var gemini = FastFactory().Create(Request("google-vertex", env, model: "gemini-2.5-pro"));
        using var claude = FastFactory().Create(Request("google-vertex", env, model: "claude-sonnet-4-5@20250929"));

        await gemini.GetResponseAsync(Conversation());
        await claude.GetResponseAsync(Conversation());

        _llm.Requests[0].Path.Should().Be("/v1/projects/other-project/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent");
        _llm.Requests[0].Api.Should().Be(ScriptedLlmApi.Gemini);
        _llm.Requests[1].Path.Should().Be("/v1/projects/my-project/locations/europe-west4/publishers/anthropic/models/claude-sonnet-4-5%4020250929:rawPredict");
        _llm.Requests[1].Api.Should().Be(ScriptedLlmApi.Anthropic);
    }

    private static string GeminiWireError(string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = 400, ["message"] = message, ["status"] = "INVALID_ARGUMENT" } }.ToJsonString();
}
