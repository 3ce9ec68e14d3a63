using FluentAssertions;
using Perstack.Core.Config;

namespace Perstack.Tests.Core.Config;

/// <summary>Helpers for the perstack.toml tests.</summary>
internal static class ConfigTestToml
{
    public const string SourcePath = "/project/perstack.toml";

    /// <summary>The perstack.toml of the conformance runs (shared/spec/conformance.md), with the port filled in.</summary>
    public const string Conformance = """
        model = "claude-sonnet-4-5"
        temperature = 0.3
        [provider]
        providerName = "anthropic"
        [provider.setting]
        baseUrl = "http://127.0.0.1:4010/v1"     # the scripted LLM

        [experts."fake-basic"]            # think -> attemptCompletion -> final text
        instruction = "You are a fake expert used to test the runtime. Think once, then call attemptCompletion."
        [experts."fake-basic".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"    # the built-in base skill; no npx is started
        pick = ["think", "attemptCompletion"]

        [experts."fake-coordinator"]      # delegates to fake-worker, then completes
        instruction = "Delegate the query to fake-worker, then call attemptCompletion."
        delegates = ["fake-worker"]
        [experts."fake-coordinator".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."fake-worker"]           # like fake-basic
        instruction = "Think once about the delegated query, then call attemptCompletion."
        [experts."fake-worker".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]

        [experts."fake-interactive"]      # asks the user, then thinks and completes
        instruction = "Ask the user with askUser, think, then call attemptCompletion."
        [experts."fake-interactive".skills."user-input"]
        type = "interactiveSkill"
        description = "User interaction"
        [experts."fake-interactive".skills."user-input".tools.askUser]
        description = "Ask the user a question"
        inputJsonSchema = '{"type":"object","properties":{"question":{"type":"string"}},"required":["question"]}'
        [experts."fake-interactive".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]

        [experts."fake-writer"]           # todo -> writeTextFile -> attemptCompletion (blocked by the open todo) -> todo done -> attemptCompletion
        instruction = "Add a todo, write fake-output.txt, complete the todo, then call attemptCompletion."
        [experts."fake-writer".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["todo", "writeTextFile", "attemptCompletion"]
        """;

    public static PerstackConfig Parse(string toml) => PerstackConfigParser.Parse(toml, SourcePath);

    /// <summary>The <c>path: message</c> lines of the validation error <paramref name="toml"/> must raise.</summary>
    public static IReadOnlyList<string> Problems(string toml)
    {
        var error = FluentActions.Invoking(() => Parse(toml)).Should().Throw<PerstackConfigException>().Which;
        error.Problems.Should().NotBeEmpty();
        return [.. error.Problems.Select(p => p.ToString())];
    }

    /// <summary>An expert table with a valid instruction, plus <paramref name="extra"/> lines.</summary>
    public static string Expert(string key, string extra = "") => $"""
        [experts."{key}"]
        instruction = "Do it."
        {extra}
        """;
}
