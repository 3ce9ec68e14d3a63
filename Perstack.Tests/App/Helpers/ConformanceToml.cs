namespace Perstack.Tests.App.Helpers;

/// <summary>The perstack.toml the reference runtime's conformance runs used (<c>&lt;base-url&gt;</c> is the scripted LLM).</summary>
internal static class ConformanceToml
{
    public const string Text = """
        model = "claude-sonnet-4-5"
        temperature = 0.3
        [provider]
        providerName = "anthropic"
        [provider.setting]
        baseUrl = "<base-url>"

        [experts."fake-basic"]
        description = "Basic fake expert"
        instruction = "You are a fake expert used to test the runtime. Think once, then call attemptCompletion."
        [experts."fake-basic".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]

        [experts."fake-coordinator"]
        description = "Coordinator that delegates to fake-worker"
        instruction = "Delegate the query to fake-worker, then call attemptCompletion."
        delegates = ["fake-worker"]
        [experts."fake-coordinator".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."fake-worker"]
        description = "Worker expert that thinks and completes"
        instruction = "Think once about the delegated query, then call attemptCompletion."
        [experts."fake-worker".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]

        [experts."fake-interactive"]
        description = "Asks the user, then completes"
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

        [experts."fake-writer"]
        description = "Writes a file"
        instruction = "Add a todo, write fake-output.txt, complete the todo, then call attemptCompletion."
        [experts."fake-writer".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["todo", "writeTextFile", "attemptCompletion"]
        """;
}
