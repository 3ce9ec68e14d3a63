using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers.AnthropicApi;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;

namespace Perstack.Tests.App.Providers.AnthropicApi;

/// <summary>Microsoft.Extensions.AI messages and options as the Messages API body.</summary>
[TestFixture]
public sealed class RequestBuilderTests
{
    private static readonly RequestDefaults Direct = new("claude-x", 1000, ModelInBody: true, BodyVersion: null);

    [Test]
    public void System_goes_to_system_and_tool_results_join_the_user_text_that_follows_in_one_turn_as_the_reference_sends_them()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, [new TextReasoningContent("hmm") { ProtectedData = "sig" }, new FunctionCallContent("t1", "think", new Dictionary<string, object?> { ["n"] = 1 })]),
            new(ChatRole.Tool, [new FunctionResultContent("t1", "done")]),
            new(ChatRole.User, "And?"),
        ];

        var body = Json(RequestBuilder.Build(messages, new ChatOptions { Temperature = 0.3f }, Direct, stream: true));

        body["model"]!.GetValue<string>().Should().Be("claude-x");
        body["max_tokens"]!.GetValue<int>().Should().Be(1000);
        body["stream"]!.GetValue<bool>().Should().BeTrue();
        body["temperature"]!.GetValue<float>().Should().BeApproximately(0.3f, 1e-6f);
        body["system"]![0]!["text"]!.GetValue<string>().Should().Be("Be brief.");
        var turns = body["messages"]!.AsArray();
        turns.Select(t => t!["role"]!.GetValue<string>()).Should().Equal("user", "assistant", "user");
        turns[1]!["content"]![0]!.ToJsonString().Should().Be("""{"type":"thinking","thinking":"hmm","signature":"sig"}""");
        turns[1]!["content"]![1]!.ToJsonString().Should().Be("""{"type":"tool_use","id":"t1","name":"think","input":{"n":1}}""");
        turns[2]!["content"]!.ToJsonString().Should().Be("""[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"done"}]},{"type":"text","text":"And?"}]""");
        body.ContainsKey("tools").Should().BeFalse();
    }

    [Test]
    public void Tools_and_required_tool_mode_map_to_tools_and_tool_choice_any()
    {
        var tool = AIFunctionFactory.CreateDeclaration("think", "Think", JsonDocument.Parse("""{"type":"object"}""").RootElement);
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false };

        var body = Json(RequestBuilder.Build([new ChatMessage(ChatRole.User, "Hi")], options, Direct, stream: false));

        body["tools"]!.ToJsonString().Should().Be("""[{"name":"think","description":"Think","input_schema":{"type":"object"}}]""");
        body["tool_choice"]!.ToJsonString().Should().Be("""{"type":"any","disable_parallel_tool_use":true}""");
        body.ContainsKey("stream").Should().BeFalse();
    }

    [Test]
    public void Bedrock_and_vertex_bodies_carry_the_version_and_no_model_or_stream()
    {
        var cloud = new RequestDefaults("claude-x", 1000, ModelInBody: false, BodyVersion: "bedrock-2023-05-31");

        var body = Json(RequestBuilder.Build([new ChatMessage(ChatRole.User, "Hi")], null, cloud, stream: true));

        body["anthropic_version"]!.GetValue<string>().Should().Be("bedrock-2023-05-31");
        body.ContainsKey("model").Should().BeFalse();
        body.ContainsKey("stream").Should().BeFalse();
    }

    [Test]
    public void Reasoning_effort_turns_thinking_on_within_max_tokens_and_drops_temperature()
    {
        var options = new ChatOptions { Temperature = 0.5f, MaxOutputTokens = 16000, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } };

        var body = Json(RequestBuilder.Build([new ChatMessage(ChatRole.User, "Hi")], options, Direct, stream: false));

        body["thinking"]!.ToJsonString().Should().Be("""{"type":"enabled","budget_tokens":10000}""");
        body["max_tokens"]!.GetValue<int>().Should().Be(16000);
        body.ContainsKey("temperature").Should().BeFalse();
    }

    [TestCase("low", 64000, 2048)]
    [TestCase("minimal", 64000, 1024)]
    [TestCase("medium", 64000, 5000)]
    [TestCase("high", 64000, 10000)]
    [TestCase("3000", 64000, 3000)]
    [TestCase("500", 64000, 1024)]
    [TestCase("100000", 64000, 62976)]
    [TestCase("high", 4000, 2976)]
    public void The_run_budget_becomes_budget_tokens_within_the_api_rules(string budget, int maxTokens, int expected)
    {
        var options = new ChatOptions { Temperature = 0.3f, MaxOutputTokens = maxTokens };
        ReasoningRequest.Apply(options, ReasoningBudget.TryParse(budget)!.Value, temperature: 0.3);

        var body = Json(RequestBuilder.Build([new ChatMessage(ChatRole.User, "Hi")], options, Direct, stream: false));

        body["thinking"]!.ToJsonString().Should().Be($$"""{"type":"enabled","budget_tokens":{{expected}}}""");
        body["max_tokens"]!.GetValue<int>().Should().Be(maxTokens);
        body.ContainsKey("temperature").Should().BeFalse("the API takes only the default temperature while thinking");
    }

    [TestCase("none")]
    [TestCase("0")]
    public void No_budget_sends_no_thinking_and_keeps_the_temperature(string budget)
    {
        var options = new ChatOptions();
        ReasoningRequest.Apply(options, ReasoningBudget.TryParse(budget)!.Value, temperature: 0.3);

        var body = Json(RequestBuilder.Build([new ChatMessage(ChatRole.User, "Hi")], options, Direct, stream: false));

        body.ContainsKey("thinking").Should().BeFalse();
        body["temperature"]!.GetValue<double>().Should().BeApproximately(0.3, 1e-6);
    }

    [Test]
    public void Images_and_pdfs_become_image_and_document_blocks()
    {
        var message = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new DataContent(new byte[] { 4 }, "application/pdf")]);

        var content = Json(RequestBuilder.Build([message], null, Direct, stream: false))["messages"]![0]!["content"]!;

        content[0]!.ToJsonString().Should().Be("""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}}""");
        content[1]!["type"]!.GetValue<string>().Should().Be("document");
    }

    private static JsonObject Json(MessagesRequest request) =>
        JsonNode.Parse(JsonSerializer.Serialize(request, AnthropicJsonContext.Default.MessagesRequest))!.AsObject();
}
