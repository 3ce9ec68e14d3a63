using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.Core.Domain;
using Perstack.Core.Providers;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>What <see cref="ChatClientFactory.Create"/> checks before any call is made.</summary>
[TestFixture]
public sealed class ChatClientFactoryTests
{
    private static readonly (string Provider, string Variable, (string, string?)[] Others)[] MissingValues =
    [
        ("anthropic", "ANTHROPIC_API_KEY", []),
        ("openai", "OPENAI_API_KEY", []),
        ("azure-openai", "AZURE_API_KEY", [("AZURE_RESOURCE_NAME", "my-resource")]),
        ("deepseek", "DEEPSEEK_API_KEY", []),
        ("google", "GOOGLE_GENERATIVE_AI_API_KEY", []),
        ("amazon-bedrock", "AWS_SECRET_ACCESS_KEY", [("AWS_ACCESS_KEY_ID", "AKIA"), ("AWS_REGION", "us-east-1")]),
        ("amazon-bedrock", "AWS_REGION", [("AWS_ACCESS_KEY_ID", "AKIA"), ("AWS_SECRET_ACCESS_KEY", "secret")]),
        ("google-vertex", "GOOGLE_VERTEX_PROJECT", [("GOOGLE_VERTEX_LOCATION", "us-east5")]),
    ];

    public static IEnumerable<TestCaseData> MissingValueCases() =>
        MissingValues.Select(m => new TestCaseData(m.Provider, m.Variable, m.Others).SetArgDisplayNames(m.Provider, m.Variable));

    [TestCaseSource(nameof(MissingValueCases))]
    public void Missing_required_value_fails_before_any_call(string provider, string variable, (string, string?)[] others)
    {
        var act = () => new ChatClientFactory().Create(Request(provider, Env(others)));

        act.Should().Throw<PerstackException>().Which.Message.Should().Be($"{variable} is not set");
    }

    [Test]
    public void Blank_values_count_as_missing()
    {
        var act = () => new ChatClientFactory().Create(Request("anthropic", Env(("ANTHROPIC_API_KEY", "   "))));

        act.Should().Throw<PerstackException>().WithMessage("ANTHROPIC_API_KEY is not set");
    }

    [Test]
    public void Azure_needs_a_resource_name_or_base_url()
    {
        var act = () => new ChatClientFactory().Create(Request("azure-openai", Env(("AZURE_API_KEY", "azure-key"))));

        act.Should().Throw<PerstackException>().WithMessage("AZURE_RESOURCE_NAME or baseUrl is not set");
    }

    [Test]
    public void Azure_accepts_a_base_url_from_the_setting_instead_of_a_resource_name()
    {
        var setting = new ProviderSettings { BaseUrl = "https://gateway.example/openai" };

        using var client = new ChatClientFactory().Create(Request("azure-openai", Env(("AZURE_API_KEY", "azure-key")), setting));

        client.Should().NotBeNull();
    }

    [Test]
    public void Bedrock_region_may_come_from_the_setting()
    {
        var env = Env(("AWS_ACCESS_KEY_ID", "AKIA"), ("AWS_SECRET_ACCESS_KEY", "secret"));

        using var client = new ChatClientFactory().Create(Request("amazon-bedrock", env, new ProviderSettings { Region = "us-west-2" }));

        client.Should().NotBeNull();
    }

    [Test]
    public void Bedrock_without_keys_leaves_the_credentials_to_the_aws_chain_on_the_first_call()
    {
        using var client = new ChatClientFactory().Create(Request("amazon-bedrock", Env(("AWS_REGION", "us-east-1"))));

        client.Should().NotBeNull("profiles, SSO, container and instance credentials are resolved when a call needs them");
    }

    [Test]
    public void Ollama_and_vertex_need_no_key()
    {
        using var ollama = new ChatClientFactory().Create(Request("ollama", Env()));
        using var vertex = new ChatClientFactory().Create(Request("google-vertex", Env(("GOOGLE_VERTEX_PROJECT", "p"))));

        ollama.Should().NotBeNull();
        vertex.Should().NotBeNull("Google credentials are only looked up on the first call");
    }

    [Test]
    public void Unknown_provider_lists_the_valid_names()
    {
        var act = () => new ChatClientFactory().Create(Request("mistral", Env()));

        act.Should().Throw<PerstackException>().WithMessage(
            "Unknown provider \"mistral\". Valid providers: anthropic, google, openai, ollama, azure-openai, amazon-bedrock, google-vertex, deepseek");
    }

    [Test]
    public void Invalid_base_url_is_a_user_error()
    {
        var setting = new ProviderSettings { BaseUrl = "not a url" };

        var act = () => new ChatClientFactory().Create(Request("openai", Env(("OPENAI_API_KEY", OpenAIKey)), setting));

        act.Should().Throw<PerstackException>().WithMessage("baseUrl is not a valid http(s) URL: not a url");
    }

    [Test]
    public void Client_is_wrapped_in_retries_and_timeout_from_the_request()
    {
        var request = Request("anthropic", Env(("ANTHROPIC_API_KEY", AnthropicKey)), maxRetries: 7, timeout: TimeSpan.FromSeconds(42));

        using var client = new ChatClientFactory().Create(request);

        client.GetService<RetryingChatClient>()!.Options.MaxRetries.Should().Be(7);
        client.GetService<RetryingChatClient>()!.Options.Secrets.Should().Contain(AnthropicKey);
        client.GetService<TimeoutChatClient>()!.Timeout.Should().Be(TimeSpan.FromSeconds(42));
    }

    [TestCase("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080")]
    [TestCase("https://api.anthropic.com/v1/", "https://api.anthropic.com")]
    [TestCase("https://proxy.example/anthropic", "https://proxy.example/anthropic")]
    public void Anthropic_base_url_drops_the_ai_sdk_v1_suffix(string configured, string expected) =>
        ChatClientFactory.AnthropicBaseUrl(configured).Should().Be(expected);

    [Test]
    public void Every_provider_name_is_accepted()
    {
        var env = Env(
            ("ANTHROPIC_API_KEY", "k-anthropic"),
            ("OPENAI_API_KEY", "k-openai"),
            ("AZURE_API_KEY", "k-azure"),
            ("AZURE_RESOURCE_NAME", "res"),
            ("DEEPSEEK_API_KEY", "k-deepseek"),
            ("GOOGLE_GENERATIVE_AI_API_KEY", "k-google"),
            ("AWS_ACCESS_KEY_ID", "AKIA"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_REGION", "us-east-1"),
            ("GOOGLE_VERTEX_PROJECT", "p"));

        foreach (var provider in ProviderName.All.Select(name => name.Value))
        {
            using var client = new ChatClientFactory().Create(Request(provider, env));
            client.GetService<RetryingChatClient>().Should().NotBeNull(provider);
        }
    }
}
