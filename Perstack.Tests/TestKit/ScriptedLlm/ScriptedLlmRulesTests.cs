using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.TestKit.ScriptedLlm;

/// <summary>
/// The scripted LLM's conformance rules replay the reference runs' tool sequences (basic, writer, delegate,
/// interactive) from the request alone.
/// </summary>
[TestFixture]
public sealed class ScriptedLlmRulesTests
{
    private const string QuerySchema = """{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""";
    private const string AnySchema = """{"type":"object","properties":{}}""";

    [Test]
    public void Basic_thinks_then_completes_then_answers()
    {
        var history = new History("Say hello");

        history.Next(["think", "attemptCompletion"]).Should().Be(("think", """{"thought":"Fake thought about: Say hello","nextThoughtNeeded":false}"""));
        history.Next(["think", "attemptCompletion"]).Should().Be(("attemptCompletion", "{}"));
        history.FinalText().Should().Be("Fake final answer. Query was: 'Say hello'. Tools used in this turn: think, attemptCompletion.");
    }

    [Test]
    public void Writer_finishes_its_open_todo_before_completing()
    {
        string[] tools = ["todo", "writeTextFile", "attemptCompletion"];
        var history = new History("Write a file please");

        history.Next(tools).Should().Be(("todo", """{"newTodos":["fake todo item"]}"""));
        history.Next(tools).Should().Be(("writeTextFile", """{"path":"fake-output.txt","text":"written by fakellm for query: Write a file please\n"}"""));
        history.Next(tools, """{"remainingTodos":[{"id":0,"title":"fake todo item","completed":false}]}""").Should().Be(("attemptCompletion", "{}"));
        history.Next(tools).Should().Be(("todo", """{"completedTodos":[0]}"""));
        history.Next(tools).Should().Be(("attemptCompletion", "{}"));
        history.FinalText().Should().Be("Fake final answer. Query was: 'Write a file please'. Tools used in this turn: todo, writeTextFile, attemptCompletion, todo, attemptCompletion.");
    }

    [Test]
    public void Coordinator_delegates_then_completes()
    {
        var history = new History("Coordinate some work") { Schemas = { ["fake-worker"] = QuerySchema } };

        history.Next(["attemptCompletion", "fake-worker"]).Should().Be(("fake-worker", """{"query":"Delegated sub-task for: Coordinate some work"}"""));
        history.Next(["attemptCompletion", "fake-worker"]).Should().Be(("attemptCompletion", "{}"));
        history.FinalText().Should().Be("Fake final answer. Query was: 'Coordinate some work'. Tools used in this turn: fake-worker, attemptCompletion.");
    }

    [Test]
    public void Interactive_asks_first_and_the_answer_does_not_start_a_new_turn()
    {
        string[] tools = ["askUser", "think", "attemptCompletion"];
        var history = new History("Ask me something");

        history.Next(tools, "Yes, proceed").Should().Be(("askUser", """{"question":"Fake question: may I proceed?"}"""));
        history.Next(tools).Should().Be(("think", """{"thought":"Fake thought about: Ask me something","nextThoughtNeeded":false}"""));
        history.Next(tools).Should().Be(("attemptCompletion", "{}"));
        history.FinalText().Should().Be("Fake final answer. Query was: 'Ask me something'. Tools used in this turn: askUser, think, attemptCompletion.");
    }

    [Test]
    public void A_new_user_text_starts_a_new_turn()
    {
        var history = new History("First");
        history.Next(["think", "attemptCompletion"]);
        history.Next(["think", "attemptCompletion"]);
        history.AddUserText("Please go on");

        history.Next(["think", "attemptCompletion"]).Should().Be(("think", """{"thought":"Fake thought about: Please go on","nextThoughtNeeded":false}"""));
    }

    [Test]
    public void Usage_counts_history_entries()
    {
        var history = new History("Say hello");

        history.Answer(["think"]).InputTokens.Should().Be(150);
        history.Next(["think", "attemptCompletion"]);
        history.Answer(["think"]).InputTokens.Should().Be(250);
        history.Answer(["think"]).OutputTokens.Should().Be(25);
    }

    [Test]
    public void Openai_format_gives_the_same_answers()
    {
        var body = JsonNode.Parse("""
            {"model":"gpt-5","messages":[
              {"role":"system","content":"sys"},
              {"role":"user","content":"Say hello"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"think","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"{}"}],
             "tools":[{"type":"function","function":{"name":"think","parameters":{}}},{"type":"function","function":{"name":"attemptCompletion","parameters":{}}}]}
            """)!.AsObject();

        var answer = ConformanceScript.Answer(ScriptedConversation.FromOpenAI(body));

        answer.ToolName.Should().Be("attemptCompletion");
        answer.InputTokens.Should().Be(250, "system is not an entry: user, assistant, tool");
    }

    [Test]
    public void Unknown_tools_are_called_with_empty_input()
    {
        var history = new History("Weather?");

        history.Next(["get_weather"]).Should().Be(("get_weather", "{}"));
    }

    /// <summary>An Anthropic-format history that grows by the scripted answers.</summary>
    private sealed class History
    {
        private readonly JsonArray _messages = [];
        private int _ids;

        public History(string query) => AddUserText(query);

        public Dictionary<string, string> Schemas { get; } = new(StringComparer.Ordinal);

        public void AddUserText(string text) => _messages.Add(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) });

        public ScriptedAnswer Answer(string[] tools) => ConformanceScript.Answer(ScriptedConversation.FromAnthropic(Body(tools), null, false));

        /// <summary>Asks for the next tool call, appends it and its result, returns (name, input JSON).</summary>
        public (string Name, string Input) Next(string[] tools, string result = "{}")
        {
            var answer = Answer(tools);
            answer.ToolName.Should().NotBeNull();
            var id = $"toolu_{_ids++}";
            _messages.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = answer.ToolName, ["input"] = answer.ToolInput!.DeepClone() }),
            });
            _messages.Add(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = result }) }),
            });
            return (answer.ToolName!, answer.ToolInput!.ToJsonString());
        }

        public string? FinalText() => Answer([]).Text;

        private JsonObject Body(string[] tools) => new()
        {
            ["model"] = "claude-sonnet-4-5",
            ["system"] = "sys",
            ["messages"] = _messages.DeepClone(),
            ["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t,
                ["input_schema"] = JsonNode.Parse(Schemas.TryGetValue(t, out var schema) ? schema : AnySchema),
            })]),
        };
    }
}
