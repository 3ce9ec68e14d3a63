using FluentAssertions;
using Perstack.Core.Config;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Config;

[TestFixture]
public sealed class PerstackConfigProviderTests
{
    private const string AllSettings = """
        baseUrl = "https://llm.example.com/v1"
        headers = { "X-Team" = "core", "X-Trace" = "on" }
        organization = "org-1"
        project = "proj-1"
        name = "compat"
        resourceName = "my-azure"
        apiVersion = "2024-10-21"
        useDeploymentBasedUrls = true
        region = "eu-west-1"
        location = "europe-west4"
        apiKey = "sk-never-stored"
        """;

    private static readonly Dictionary<string, string> Headers = new() { ["X-Team"] = "core", ["X-Trace"] = "on" };

    private static ProviderSettings SettingOf(string providerName)
    {
        var config = ConfigTestToml.Parse($"""
            [provider]
            providerName = "{providerName}"
            [provider.setting]
            {AllSettings}
            """);
        config.ProviderName.Should().Be(providerName);
        return config.ProviderSetting;
    }

    [TestCase("anthropic")]
    [TestCase("google")]
    [TestCase("ollama")]
    [TestCase("deepseek")]
    public void Base_url_providers_keep_only_base_url_and_headers(string providerName)
    {
        SettingOf(providerName).Should().BeEquivalentTo(new ProviderSettings { BaseUrl = "https://llm.example.com/v1", Headers = Headers });
    }

    [Test]
    public void Openai_adds_organization_project_and_name()
    {
        SettingOf("openai").Should().BeEquivalentTo(new ProviderSettings
        {
            BaseUrl = "https://llm.example.com/v1",
            Headers = Headers,
            Organization = "org-1",
            Project = "proj-1",
            Name = "compat",
        });
    }

    [Test]
    public void Azure_openai_keeps_its_keys()
    {
        SettingOf("azure-openai").Should().BeEquivalentTo(new ProviderSettings
        {
            ResourceName = "my-azure",
            ApiVersion = "2024-10-21",
            BaseUrl = "https://llm.example.com/v1",
            Headers = Headers,
            UseDeploymentBasedUrls = true,
        });
    }

    [Test]
    public void Amazon_bedrock_keeps_only_region()
    {
        SettingOf("amazon-bedrock").Should().BeEquivalentTo(new ProviderSettings { Region = "eu-west-1" });
    }

    [Test]
    public void Google_vertex_keeps_project_location_base_url_and_headers()
    {
        SettingOf("google-vertex").Should().BeEquivalentTo(new ProviderSettings
        {
            Project = "proj-1",
            Location = "europe-west4",
            BaseUrl = "https://llm.example.com/v1",
            Headers = Headers,
        });
    }

    [Test]
    public void Provider_without_setting_table_has_an_empty_setting()
    {
        var config = ConfigTestToml.Parse("[provider]\nproviderName = \"deepseek\"");

        config.ProviderName.Should().Be("deepseek");
        config.ProviderSetting.Should().Be(new ProviderSettings());
    }

    [Test]
    public void Keys_not_valid_for_the_provider_are_not_type_checked()
    {
        var config = ConfigTestToml.Parse("""
            [provider]
            providerName = "amazon-bedrock"
            [provider.setting]
            region = "us-east-1"
            baseUrl = 42
            """);

        config.ProviderSetting.Should().Be(new ProviderSettings { Region = "us-east-1" });
    }

    [Test]
    public void Provider_names_list_matches_the_reference()
    {
        ProviderName.All.Select(name => name.Value).Should().Equal("anthropic", "google", "openai", "ollama", "azure-openai", "amazon-bedrock", "google-vertex", "deepseek");
        ProviderName.TryParse("openai", out _).Should().BeTrue();
        ProviderName.TryParse("OpenAI", out _).Should().BeFalse();
        ProviderName.TryParse(null, out _).Should().BeFalse();
    }
}
