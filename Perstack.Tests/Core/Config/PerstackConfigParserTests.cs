using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class PerstackConfigParserTests
{
    [Test]
    public void Gemini_safety_settings_are_read_as_an_array_of_tables_for_google_and_google_vertex()
    {
        const string Settings = """

            [[provider.setting.safetySettings]]
            category = "HARM_CATEGORY_HATE_SPEECH"
            threshold = "BLOCK_ONLY_HIGH"

            [[provider.setting.safetySettings]]
            category = "HARM_CATEGORY_DANGEROUS_CONTENT"
            threshold = "BLOCK_NONE"
            """;

        foreach (var provider in new[] { "google", "google-vertex" })
        {
            var config = ConfigTestToml.Parse($"[provider]\nproviderName = \"{provider}\"" + Settings);

            config.ProviderSetting.SafetySettings.Should().Equal(
                new Perstack.Core.Providers.GeminiSafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH"),
                new Perstack.Core.Providers.GeminiSafetySetting("HARM_CATEGORY_DANGEROUS_CONTENT", "BLOCK_NONE"));
        }

        ConfigTestToml.Parse("[provider]\nproviderName = \"anthropic\"" + Settings).ProviderSetting.SafetySettings
            .Should().BeNull("other providers' schemas strip the key, as the reference's does");
    }

    [Test]
    public void Conformance_toml_parses_into_the_expected_settings()
    {
        var config = ConfigTestToml.Parse(ConfigTestToml.Conformance);

        config.SourcePath.Should().Be(ConfigTestToml.SourcePath);
        config.Model.Should().Be("claude-sonnet-4-5");
        config.Temperature.Should().Be(0.3);
        config.ProviderName.Should().Be("anthropic");
        config.ProviderSetting.Should().Be(new ProviderSettings { BaseUrl = "http://127.0.0.1:4010/v1" });
        config.MaxSteps.Should().BeNull();
        config.MaxRetries.Should().BeNull();
        config.Timeout.Should().BeNull();
        config.EnvPath.Should().BeNull();
        config.PerstackApiBaseUrl.Should().BeNull();
        config.PerstackBaseSkillCommand.Should().BeNull();
    }

    [Test]
    public void Conformance_toml_experts_keep_file_order_and_all_fields()
    {
        var experts = ConfigTestToml.Parse(ConfigTestToml.Conformance).Experts;

        experts.Select(e => e.Key).Should().Equal("fake-basic", "fake-coordinator", "fake-worker", "fake-interactive", "fake-writer");
        experts.Should().AllSatisfy(e =>
        {
            e.Name.Should().Be(e.Key);
            e.Version.Should().Be("1.0.0");
            e.Description.Should().BeNull();
            e.Tags.Should().BeEmpty();
        });

        var basic = experts[0];
        basic.Instruction.Should().Be("You are a fake expert used to test the runtime. Think once, then call attemptCompletion.");
        basic.Delegates.Should().BeEmpty();
        basic.Skills.Keys.Should().Equal("@perstack/base");
        basic.Skills["@perstack/base"].Should().BeEquivalentTo(new McpStdioSkill
        {
            Name = "@perstack/base",
            Command = "npx",
            PackageName = "@perstack/base",
            Pick = ["think", "attemptCompletion"],
        });

        experts[1].Delegates.Should().Equal("fake-worker");
        experts[1].Skills["@perstack/base"].As<McpStdioSkill>().Pick.Should().Equal("attemptCompletion");
        experts[4].Skills["@perstack/base"].As<McpStdioSkill>().Pick.Should().Equal("todo", "writeTextFile", "attemptCompletion");
    }

    [Test]
    public void Conformance_interactive_expert_has_its_tool_and_the_base_skill_in_file_order()
    {
        var interactive = ConfigTestToml.Parse(ConfigTestToml.Conformance).Experts.Single(e => e.Key == "fake-interactive");

        interactive.Skills.Keys.Should().Equal("user-input", "@perstack/base");
        var userInput = interactive.Skills["user-input"].Should().BeOfType<InteractiveSkill>().Subject;
        userInput.Name.Should().Be("user-input");
        userInput.Description.Should().Be("User interaction");
        userInput.Rule.Should().BeNull();
        userInput.Tools.Keys.Should().Equal("askUser");
        userInput.Tools["askUser"].Should().Be(new InteractiveTool
        {
            Name = "askUser",
            Description = "Ask the user a question",
            InputJsonSchema = """{"type":"object","properties":{"question":{"type":"string"}},"required":["question"]}""",
        });
    }

    [Test]
    public void Every_top_level_key_is_read()
    {
        var config = ConfigTestToml.Parse("""
            model = "gpt-5"
            temperature = 1
            maxSteps = 40
            maxRetries = 0
            maxDelegationDepth = 4
            timeout = 60000
            toolTimeout = 120000
            allowEnvFiles = true
            envPath = [".env.test", "config/.env"]
            perstackApiBaseUrl = "https://registry.example.com"
            perstackBaseSkillCommand = ["node", "/opt/base/dist/index.js"]
            """);

        config.Model.Should().Be("gpt-5");
        config.Temperature.Should().Be(1.0);
        config.MaxSteps.Should().Be(40);
        config.MaxRetries.Should().Be(0);
        config.MaxDelegationDepth.Should().Be(4);
        config.Timeout.Should().Be(60000);
        config.ToolTimeout.Should().Be(120000);
        config.AllowEnvFiles.Should().BeTrue();
        config.EnvPath.Should().Equal(".env.test", "config/.env");
        config.PerstackApiBaseUrl.Should().Be("https://registry.example.com");
        config.PerstackBaseSkillCommand.Should().Equal("node", "/opt/base/dist/index.js");
        config.ProviderName.Should().BeNull();
        config.ProviderSetting.Should().Be(new ProviderSettings());
        config.Experts.Should().BeEmpty();
    }

    [Test]
    public void Integral_float_is_accepted_for_integer_settings()
    {
        var config = ConfigTestToml.Parse("maxSteps = 3.0\ntimeout = 1e3");

        config.MaxSteps.Should().Be(3);
        config.Timeout.Should().Be(1000);
    }

    [Test]
    public void Empty_file_gives_an_empty_config()
    {
        var config = ConfigTestToml.Parse("");

        config.Should().BeEquivalentTo(new PerstackConfig { SourcePath = ConfigTestToml.SourcePath });
    }

    [Test]
    public void Every_expert_key_is_read()
    {
        var expert = ConfigTestToml.Parse("""
            [experts."@acme/reviewer"]
            version = "2.1.0-beta.1"
            minRuntimeVersion = "v1.0"
            description = "Reviews code"
            instruction = "Review the diff."
            delegates = ["helper", "@acme/linter@1.2.3", "@acme/formatter@latest"]
            tags = ["review", "code_quality-2"]
            """).Experts.Single();

        expert.Key.Should().Be("@acme/reviewer");
        expert.Name.Should().Be("@acme/reviewer");
        expert.Version.Should().Be("2.1.0-beta.1");
        expert.Description.Should().Be("Reviews code");
        expert.Instruction.Should().Be("Review the diff.");
        expert.Delegates.Should().Equal("helper", "@acme/linter@1.2.3", "@acme/formatter@latest");
        expert.Tags.Should().Equal("review", "code_quality-2");
    }

    [Test]
    public void Expert_without_skills_key_gets_the_default_base_skill()
    {
        var expert = ConfigTestToml.Parse(ConfigTestToml.Expert("plain")).Experts.Single();

        expert.Skills.Keys.Should().Equal("@perstack/base");
        expert.Skills["@perstack/base"].Should().BeEquivalentTo(new McpStdioSkill
        {
            Name = "@perstack/base",
            Command = "npx",
            PackageName = "@perstack/base",
            LazyInit = false,
        });
        PerstackConfigParser.DefaultBaseSkill().Should().BeEquivalentTo(expert.Skills["@perstack/base"]);
    }

    [Test]
    public void Expert_with_skills_does_not_get_the_base_skill_merged_in()
    {
        var expert = ConfigTestToml.Parse(ConfigTestToml.Expert("custom", """
            [experts."custom".skills."fs"]
            type = "mcpStdioSkill"
            command = "uvx"
            args = ["mcp-server-fs"]
            """)).Experts.Single();

        expert.Skills.Keys.Should().Equal("fs");
    }

    [Test]
    public void Empty_skills_table_means_no_skills()
    {
        var expert = ConfigTestToml.Parse(ConfigTestToml.Expert("bare", "skills = {}")).Experts.Single();

        expert.Skills.Should().BeEmpty();
    }

    [Test]
    public void Mcp_stdio_skill_reads_every_field()
    {
        var skill = ConfigTestToml.Parse(ConfigTestToml.Expert("e", """
            [experts."e".skills."github"]
            type = "mcpStdioSkill"
            description = "GitHub access"
            rule = "Never push to main."
            command = "node"
            args = ["server.js", "--stdio"]
            requiredEnv = ["GITHUB_TOKEN"]
            pick = ["listIssues"]
            omit = ["deleteRepo"]
            lazyInit = true
            """)).Experts.Single().Skills["github"];

        skill.Should().BeEquivalentTo(new McpStdioSkill
        {
            Name = "github",
            Description = "GitHub access",
            Rule = "Never push to main.",
            Command = "node",
            PackageName = null,
            Args = ["server.js", "--stdio"],
            RequiredEnv = ["GITHUB_TOKEN"],
            Pick = ["listIssues"],
            Omit = ["deleteRepo"],
            LazyInit = true,
        });
    }

    [Test]
    public void Mcp_stdio_skill_lazy_init_defaults_to_false()
    {
        var skill = ConfigTestToml.Parse(ConfigTestToml.Expert("e", """
            [experts."e".skills."tools"]
            type = "mcpStdioSkill"
            command = "npx"
            packageName = "@acme/tools"
            """)).Experts.Single().Skills["tools"];

        skill.Should().BeOfType<McpStdioSkill>().Which.LazyInit.Should().BeFalse();
    }

    [Test]
    public void Mcp_sse_skill_reads_every_field()
    {
        var skill = ConfigTestToml.Parse(ConfigTestToml.Expert("e", """
            [experts."e".skills."remote"]
            type = "mcpSseSkill"
            description = "Remote tools"
            rule = "Be brief."
            endpoint = "https://mcp.example.com/sse"
            pick = ["a", "b"]
            omit = ["c"]
            """)).Experts.Single().Skills["remote"];

        skill.Should().BeEquivalentTo(new McpSseSkill
        {
            Name = "remote",
            Description = "Remote tools",
            Rule = "Be brief.",
            Endpoint = "https://mcp.example.com/sse",
            Pick = ["a", "b"],
            Omit = ["c"],
        });
    }

    [Test]
    public void Interactive_skill_tools_take_their_names_from_the_table_keys_in_order()
    {
        var skill = ConfigTestToml.Parse(ConfigTestToml.Expert("e", """
            [experts."e".skills."human"]
            type = "interactiveSkill"
            rule = "Ask only when stuck."
            [experts."e".skills."human".tools.confirm]
            inputJsonSchema = '{"type":"object","properties":{}}'
            [experts."e".skills."human".tools."choose-one"]
            description = "Pick an option"
            inputJsonSchema = '{"type":"object"}'
            """)).Experts.Single().Skills["human"].Should().BeOfType<InteractiveSkill>().Subject;

        skill.Rule.Should().Be("Ask only when stuck.");
        skill.Description.Should().BeNull();
        skill.Tools.Keys.Should().Equal("confirm", "choose-one");
        skill.Tools["confirm"].Should().Be(new InteractiveTool { Name = "confirm", InputJsonSchema = """{"type":"object","properties":{}}""" });
        skill.Tools["choose-one"].Description.Should().Be("Pick an option");
    }

    [Test]
    public void Experts_keep_file_order_even_when_their_tables_are_interleaved()
    {
        var config = ConfigTestToml.Parse("""
            [experts."zeta"]
            instruction = "z"
            [experts."alpha"]
            instruction = "a"
            [experts."zeta".skills."s"]
            type = "mcpSseSkill"
            endpoint = "https://example.com/sse"
            [experts."mid"]
            instruction = "m"
            """);

        config.Experts.Select(e => e.Key).Should().Equal("zeta", "alpha", "mid");
        config.Experts[0].Skills.Keys.Should().Equal("s");
    }

    [Test]
    public void Dotted_and_inline_table_forms_are_equivalent()
    {
        var config = ConfigTestToml.Parse("""
            provider = { providerName = "ollama", setting = { baseUrl = "http://localhost:11434" } }
            experts.inline = { instruction = "i", skills = { web = { type = "mcpSseSkill", endpoint = "https://example.com/sse" } } }
            """);

        config.ProviderName.Should().Be("ollama");
        config.ProviderSetting.BaseUrl.Should().Be("http://localhost:11434");
        config.Experts.Single().Skills["web"].Should().BeOfType<McpSseSkill>();
    }

    [Test]
    public void Keys_after_a_provider_header_belong_to_it_and_are_ignored()
    {
        // The reference's e2e files write envPath after [provider]; it is silently dropped there too.
        var config = ConfigTestToml.Parse("""
            [provider]
            providerName = "anthropic"
            envPath = [".env.e2e"]
            """);

        config.EnvPath.Should().BeNull();
        config.ProviderName.Should().Be("anthropic");
    }

    [Test]
    public void Many_experts_parse_quickly()
    {
        var toml = string.Concat(Enumerable.Range(0, 2000).Select(i => ConfigTestToml.Expert($"expert-{i}") + "\n"));

        var config = ConfigTestToml.Parse(toml);

        config.Experts.Should().HaveCount(2000);
        config.Experts[1999].Key.Should().Be("expert-1999");
    }
}
