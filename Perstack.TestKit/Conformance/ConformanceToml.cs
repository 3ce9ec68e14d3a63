namespace Perstack.TestKit.Conformance;

/// <summary>The perstack.toml the reference runtime's conformance runs used (<c>&lt;base-url&gt;</c> is the scripted LLM).</summary>
internal static class ConformanceToml
{
    public const string Text = """
        model = "claude-sonnet-4-5"
        temperature = 0.3
        [provider]
        providerName = "anthropic"
        [provider.setting]
        baseUrl = "<base-url>"                   # the scripted LLM

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
}
