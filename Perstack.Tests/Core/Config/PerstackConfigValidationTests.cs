using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Domain;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class PerstackConfigValidationTests
{
    private const string ProviderOptions =
        "Invalid option: expected one of \"anthropic\"|\"google\"|\"openai\"|\"ollama\"|\"azure-openai\"|\"amazon-bedrock\"|\"google-vertex\"|\"deepseek\"";

    private static IReadOnlyList<string> SkillProblems(string skillBody) =>
        ConfigTestToml.Problems(ConfigTestToml.Expert("e", "[experts.\"e\".skills.\"s\"]\n" + skillBody));

    [Test]
    public void All_problems_are_reported_in_one_message_in_file_order()
    {
        var toml = """
            temperature = 2
            maxSteps = 0
            [experts."fake-basic"]
            description = "no instruction"
            """;

        var error = FluentActions.Invoking(() => ConfigTestToml.Parse(toml)).Should().Throw<PerstackConfigException>().Which;

        error.Message.Should().Be(
            "perstack.toml: Validation failed:\n" +
            "  - temperature: Must be between 0 and 1\n" +
            "  - maxSteps: Must be an integer ≥ 1\n" +
            "  - experts.fake-basic.instruction: Required");
        error.Should().BeAssignableTo<PerstackException>();
        error.Problems.Should().Equal(
            new ConfigProblem("temperature", "Must be between 0 and 1"),
            new ConfigProblem("maxSteps", "Must be an integer ≥ 1"),
            new ConfigProblem("experts.fake-basic.instruction", "Required"));
        error.Line.Should().BeNull();
    }

    [TestCase("temperature = -0.1", "temperature: Must be between 0 and 1")]
    [TestCase("temperature = 1.5", "temperature: Must be between 0 and 1")]
    [TestCase("temperature = nan", "temperature: Must be between 0 and 1")]
    [TestCase("temperature = \"0.5\"", "temperature: Expected number, got string")]
    [TestCase("maxSteps = 0", "maxSteps: Must be an integer ≥ 1")]
    [TestCase("maxSteps = 2.5", "maxSteps: Must be an integer ≥ 1")]
    [TestCase("maxSteps = inf", "maxSteps: Must be an integer ≥ 1")]
    [TestCase("maxSteps = \"10\"", "maxSteps: Expected integer, got string")]
    [TestCase("maxRetries = -1", "maxRetries: Must be an integer ≥ 0")]
    [TestCase("maxDelegationDepth = 0", "maxDelegationDepth: Must be an integer ≥ 1")]
    [TestCase("maxDelegationDepth = \"3\"", "maxDelegationDepth: Expected integer, got string")]
    [TestCase("timeout = -5", "timeout: Must be an integer ≥ 0")]
    [TestCase("toolTimeout = 0", "toolTimeout: Must be an integer ≥ 1")]
    [TestCase("allowEnvFiles = \"yes\"", "allowEnvFiles: Expected boolean, got string")]
    [TestCase("timeout = true", "timeout: Expected integer, got boolean")]
    [TestCase("model = 42", "model: Expected string, got integer")]
    [TestCase("model = 4.2", "model: Expected string, got float")]
    [TestCase("model = 1979-05-27", "model: Expected string, got datetime")]
    [TestCase("model = [\"a\"]", "model: Expected string, got array")]
    [TestCase("model = { name = \"a\" }", "model: Expected string, got table")]
    [TestCase("envPath = \".env\"", "envPath: Expected array, got string")]
    [TestCase("envPath = [\".env\", 3]", "envPath.1: Expected string, got integer")]
    [TestCase("[[envPath]]\nx = 1", "envPath: Expected array, got array of tables")]
    [TestCase("perstackApiBaseUrl = \"not a url\"", "perstackApiBaseUrl: Invalid URL")]
    [TestCase("perstackBaseSkillCommand = [\"node\", false]", "perstackBaseSkillCommand.1: Expected string, got boolean")]
    [TestCase("experts = \"x\"", "experts: Expected table, got string")]
    [TestCase("experts.a = 1", "experts.a: Expected table, got integer")]
    [TestCase("provider = \"anthropic\"", "provider: Expected table, got string")]
    public void Top_level_values_are_validated(string toml, string expected)
    {
        ConfigTestToml.Problems(toml).Should().Equal(expected);
    }

    [TestCase("providerName = \"claude\"", "provider.providerName: " + ProviderOptions)]
    [TestCase("providerName = \"Anthropic\"", "provider.providerName: " + ProviderOptions)]
    [TestCase("providerName = 1", "provider.providerName: Expected string, got integer")]
    [TestCase("setting = { baseUrl = \"https://x\" }", "provider.providerName: Required")]
    [TestCase("providerName = \"openai\"\nsetting = { baseUrl = 1 }", "provider.setting.baseUrl: Expected string, got integer")]
    [TestCase("providerName = \"openai\"\nsetting = { baseUrl = \"localhost:8080\" }", "provider.setting.baseUrl: Invalid URL")]
    [TestCase("providerName = \"openai\"\nsetting = { headers = { a = 1 } }", "provider.setting.headers.a: Expected string, got integer")]
    [TestCase("providerName = \"openai\"\nsetting = { headers = \"a: b\" }", "provider.setting.headers: Expected table, got string")]
    [TestCase("providerName = \"azure-openai\"\nsetting = { useDeploymentBasedUrls = \"yes\" }", "provider.setting.useDeploymentBasedUrls: Expected boolean, got string")]
    [TestCase("providerName = \"amazon-bedrock\"\nsetting = { region = 1 }", "provider.setting.region: Expected string, got integer")]
    [TestCase("providerName = \"google\"\nsetting = 1", "provider.setting: Expected table, got integer")]
    [TestCase("providerName = \"google\"\nsetting = { safetySettings = \"BLOCK_NONE\" }", "provider.setting.safetySettings: Expected array of tables, got string")]
    [TestCase("providerName = \"google\"\nsetting = { safetySettings = [1] }", "provider.setting.safetySettings.0: Expected table, got integer")]
    [TestCase("providerName = \"google-vertex\"\nsetting = { safetySettings = [{ category = \"HARM_CATEGORY_VIOLENCE\", threshold = \"BLOCK_NONE\" }] }",
        "provider.setting.safetySettings.0.category: Must be one of HARM_CATEGORY_UNSPECIFIED, HARM_CATEGORY_HATE_SPEECH, HARM_CATEGORY_DANGEROUS_CONTENT, HARM_CATEGORY_HARASSMENT, HARM_CATEGORY_SEXUALLY_EXPLICIT (got \"HARM_CATEGORY_VIOLENCE\")")]
    [TestCase("providerName = \"google\"\nsetting = { safetySettings = [{ category = \"HARM_CATEGORY_HARASSMENT\", threshold = \"BLOCK_SOME\" }] }",
        "provider.setting.safetySettings.0.threshold: Must be one of HARM_BLOCK_THRESHOLD_UNSPECIFIED, BLOCK_LOW_AND_ABOVE, BLOCK_MEDIUM_AND_ABOVE, BLOCK_ONLY_HIGH, BLOCK_NONE (got \"BLOCK_SOME\")")]
    [TestCase("providerName = \"google\"\nsetting = { safetySettings = [{ category = \"HARM_CATEGORY_HARASSMENT\" }] }", "provider.setting.safetySettings.0.threshold: Required")]
    public void Provider_table_is_validated(string body, string expected)
    {
        ConfigTestToml.Problems("[provider]\n" + body).Should().Equal(expected);
    }

    [TestCase("Bad-Key")]
    [TestCase("-leading-dash")]
    [TestCase("has space")]
    [TestCase("@scope")]
    [TestCase("@/x")]
    [TestCase("x@")]
    [TestCase("")]
    public void Invalid_expert_keys_are_reported(string key)
    {
        ConfigTestToml.Problems(ConfigTestToml.Expert(key)).Should().ContainSingle()
            .Which.Should().StartWith($"experts.{key}: Invalid expert key \"{key}\"");
    }

    [TestCase("with.dot")]
    [TestCase("x@1.2.3")]
    [TestCase("@org/x@latest")]
    public void Valid_keys_that_are_not_valid_names_are_reported(string key)
    {
        ConfigTestToml.Problems(ConfigTestToml.Expert(key)).Should().ContainSingle()
            .Which.Should().StartWith($"experts.{key}: Invalid expert name \"{key}\"");
    }

    [Test]
    public void Overlong_expert_name_is_reported()
    {
        var key = new string('a', 256);

        ConfigTestToml.Problems(ConfigTestToml.Expert(key)).Should().ContainSingle()
            .Which.Should().StartWith($"experts.{key}: Invalid expert name");
    }

    [TestCase("version = \"1.0\"", "experts.e.version: Must be a semantic version (e.g. 1.0.0)")]
    [TestCase("version = \"v1.0.0\"", "experts.e.version: Must be a semantic version (e.g. 1.0.0)")]
    [TestCase("version = \"01.0.0\"", "experts.e.version: Must be a semantic version (e.g. 1.0.0)")]
    [TestCase("version = 1", "experts.e.version: Expected string, got integer")]
    [TestCase("minRuntimeVersion = 1", "experts.e.minRuntimeVersion: Expected string, got integer")]
    [TestCase("description = \"\"", "experts.e.description: Must not be empty")]
    [TestCase("description = 5", "experts.e.description: Expected string, got integer")]
    [TestCase("delegates = \"other\"", "experts.e.delegates: Expected array, got string")]
    [TestCase("delegates = [\"ok\", \"Not OK\"]", "experts.e.delegates.1: Invalid expert key \"Not OK\"")]
    [TestCase("delegates = [7]", "experts.e.delegates.0: Expected string, got integer")]
    [TestCase("tags = [\"good\", \"Bad\"]", "experts.e.tags.1: Invalid tag \"Bad\": expected lowercase letters, digits, \"-\" and \"_\"")]
    [TestCase("tags = [\"with.dot\"]", "experts.e.tags.0: Invalid tag \"with.dot\": expected lowercase letters, digits, \"-\" and \"_\"")]
    [TestCase("skills = [\"base\"]", "experts.e.skills: Expected table, got array")]
    [TestCase("skills = { s = \"x\" }", "experts.e.skills.s: Expected table, got string")]
    [TestCase("instructions = \"typo\"", "experts.e: Unrecognized key \"instructions\"")]
    [TestCase("lazyInit = true", "experts.e: Unrecognized key \"lazyInit\"")]
    public void Expert_fields_are_validated(string line, string expected)
    {
        ConfigTestToml.Problems(ConfigTestToml.Expert("e", line)).Should().Equal(expected);
    }

    [TestCase("", "experts.e.instruction: Must not be empty")]
    [TestCase(null, "experts.e.instruction: Required")]
    public void Instruction_is_required_and_not_empty(string? instruction, string expected)
    {
        var toml = "[experts.e]\n" + (instruction is null ? "" : $"instruction = \"{instruction}\"");

        ConfigTestToml.Problems(toml).Should().Equal(expected);
    }

    [Test]
    public void Instruction_and_description_lengths_are_limited()
    {
        var ok = ConfigTestToml.Parse($"""
            [experts.e]
            instruction = "{new string('i', 20480)}"
            description = "{new string('d', 2048)}"
            """);
        ok.Experts.Single().Instruction.Should().HaveLength(20480);

        ConfigTestToml.Problems($"""
            [experts.e]
            instruction = "{new string('i', 20481)}"
            description = "{new string('d', 2049)}"
            """).Should().Equal(
            "experts.e.description: Must be at most 2048 characters",
            "experts.e.instruction: Must be at most 20480 characters");
    }

    [Test]
    public void Instruction_of_wrong_type_is_reported_once()
    {
        ConfigTestToml.Problems("[experts.e]\ninstruction = [\"a\"]").Should().Equal("experts.e.instruction: Expected string, got array");
    }

    [TestCase("command = \"npx\"", "experts.e.skills.s: Skill s has no packageName or args. Please provide one of them.")]
    [TestCase("command = \"npx\"\nargs = []", "experts.e.skills.s: Skill s has no packageName or args. Please provide one of them.")]
    [TestCase("command = \"npx\"\npackageName = \"\"", "experts.e.skills.s: Skill s has no packageName or args. Please provide one of them.")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nargs = [\"p\"]", "experts.e.skills.s: Skill s has both packageName and args. Please provide only one of them.")]
    [TestCase("packageName = \"p\"", "experts.e.skills.s: Skill s has no command")]
    [TestCase("command = \"\"\npackageName = \"p\"", "experts.e.skills.s: Skill s has no command")]
    [TestCase("command = [\"npx\"]\npackageName = \"p\"", "experts.e.skills.s.command: Expected string, got array")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nlazyInit = \"no\"", "experts.e.skills.s.lazyInit: Expected boolean, got string")]
    [TestCase("command = \"npx\"\nargs = \"p\"", "experts.e.skills.s.args: Expected array, got string")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nrequiredEnv = \"TOKEN\"", "experts.e.skills.s.requiredEnv: Expected array, got string")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\npick = [1]", "experts.e.skills.s.pick.0: Expected string, got integer")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nomit = [true]", "experts.e.skills.s.omit.0: Expected string, got boolean")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nrule = 1", "experts.e.skills.s.rule: Expected string, got integer")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\nendpoint = \"https://x\"", "experts.e.skills.s: Unrecognized key \"endpoint\"")]
    [TestCase("command = \"npx\"\npackageName = \"p\"\npackage = \"q\"", "experts.e.skills.s: Unrecognized key \"package\"")]
    public void Mcp_stdio_skill_is_validated(string body, string expected)
    {
        SkillProblems("type = \"mcpStdioSkill\"\n" + body).Should().Equal(expected);
    }

    [TestCase("", "experts.e.skills.s.endpoint: Required")]
    [TestCase("endpoint = \"ftp://example.com\"", "experts.e.skills.s.endpoint: Invalid URL")]
    [TestCase("endpoint = 1", "experts.e.skills.s.endpoint: Expected string, got integer")]
    [TestCase("endpoint = \"https://x\"\ncommand = \"npx\"", "experts.e.skills.s: Unrecognized key \"command\"")]
    public void Mcp_sse_skill_is_validated(string body, string expected)
    {
        SkillProblems("type = \"mcpSseSkill\"\n" + body).Should().Equal(expected);
    }

    [TestCase("", "experts.e.skills.s.tools: Required")]
    [TestCase("tools = 1", "experts.e.skills.s.tools: Expected table, got integer")]
    [TestCase("tools = { ask = 1 }", "experts.e.skills.s.tools.ask: Expected table, got integer")]
    [TestCase("tools = { ask = { description = \"d\" } }", "experts.e.skills.s.tools.ask.inputJsonSchema: Required")]
    [TestCase("tools = { ask = { inputJsonSchema = '[1]' } }", "experts.e.skills.s.tools.ask.inputJsonSchema: Must be a JSON object, got array")]
    [TestCase("tools = { ask = { inputJsonSchema = 1 } }", "experts.e.skills.s.tools.ask.inputJsonSchema: Expected string, got integer")]
    [TestCase("tools = { ask = { inputJsonSchema = '{}', schema = '{}' } }", "experts.e.skills.s.tools.ask: Unrecognized key \"schema\"")]
    [TestCase("tools = {}\ncommand = \"npx\"", "experts.e.skills.s: Unrecognized key \"command\"")]
    public void Interactive_skill_is_validated(string body, string expected)
    {
        SkillProblems("type = \"interactiveSkill\"\n" + body).Should().Equal(expected);
    }

    [Test]
    public void Input_json_schema_that_is_not_json_is_reported()
    {
        SkillProblems("type = \"interactiveSkill\"\ntools = { ask = { inputJsonSchema = '{\"type\": ' } }")
            .Should().ContainSingle().Which.Should().StartWith("experts.e.skills.s.tools.ask.inputJsonSchema: Invalid JSON: ");
    }

    [TestCase("command = \"npx\"", "experts.e.skills.s.type: Required")]
    [TestCase("type = \"mcpHttpSkill\"", "experts.e.skills.s.type: Invalid option: expected one of \"mcpStdioSkill\"|\"mcpSseSkill\"|\"interactiveSkill\"")]
    [TestCase("type = \"delegate\"", "experts.e.skills.s.type: Invalid option: expected one of \"mcpStdioSkill\"|\"mcpSseSkill\"|\"interactiveSkill\"")]
    [TestCase("type = 1", "experts.e.skills.s.type: Expected string, got integer")]
    public void Skill_type_is_required_and_known(string body, string expected)
    {
        SkillProblems(body).Should().Equal(expected);
    }

    [Test]
    public void Problems_of_several_experts_and_skills_are_all_collected()
    {
        var toml = """
            model = 1
            [provider]
            providerName = "nope"
            [experts."a"]
            instruction = "a"
            delegates = ["B"]
            [experts."a".skills."x"]
            type = "mcpStdioSkill"
            [experts."b"]
            [experts."b".skills."y"]
            type = "mcpSseSkill"
            """;

        ConfigTestToml.Problems(toml).Should().Equal(
            "model: Expected string, got integer",
            "provider.providerName: " + ProviderOptions,
            "experts.a.delegates.0: Invalid expert key \"B\"",
            "experts.a.skills.x: Skill x has no command",
            "experts.a.skills.x: Skill x has no packageName or args. Please provide one of them.",
            "experts.b.instruction: Required",
            "experts.b.skills.y.endpoint: Required");
    }

    [Test]
    public void Tool_name_clashes_are_left_to_the_runtime()
    {
        var config = ConfigTestToml.Parse(ConfigTestToml.Expert("e", """
            [experts."e".skills."one"]
            type = "interactiveSkill"
            tools = { ask = { inputJsonSchema = '{}' } }
            [experts."e".skills."two"]
            type = "interactiveSkill"
            tools = { ask = { inputJsonSchema = '{}' } }
            """));

        config.Experts.Single().Skills.Should().HaveCount(2);
    }

    [TestCase("reasoningBudget = \"medium\"", "medium")]
    [TestCase("reasoningBudget = 4096", "4096")]
    [TestCase("reasoningBudget = \"none\"", "none")]
    public void Reasoning_budget_is_a_level_or_a_token_count(string line, string expected) =>
        ConfigTestToml.Parse(line).ReasoningBudget.ToString().Should().Be(expected);

    [TestCase("reasoningBudget = \"lots\"")]
    [TestCase("reasoningBudget = -5")]
    [TestCase("reasoningBudget = true")]
    public void A_bad_reasoning_budget_is_refused(string line) =>
        ConfigTestToml.Problems(line).Should().Equal("reasoningBudget: Must be none, minimal, low, medium, high or an integer ≥ 0");
}
