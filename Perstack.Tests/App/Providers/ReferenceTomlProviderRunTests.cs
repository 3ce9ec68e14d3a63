using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.TestKit.CloudCredentials;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.App.Providers;

/// <summary>
/// A perstack.toml written for the reference (<c>[provider] providerName = …</c>, no endpoint in it) runs unchanged
/// with every provider of the reference, each on its own wire format: the endpoints point at the scripted LLM through
/// the providers' standard environment variables only, and cloud credentials come from 127.0.0.1 stand-ins.
/// </summary>
[Category(TestCategories.ChildProcess)]
public sealed class ReferenceTomlProviderRunTests
{
    private ScriptedLlmServer _llm = null!;
    private CloudCredentialServer _cloud = null!;
    private Perstack.TestKit.Files.TempDirectory _home = null!;
    private RSA _serviceAccountKey = null!;

    [SetUp]
    public void SetUp()
    {
        _llm = ScriptedLlmServer.Start();
        _cloud = CloudCredentialServer.Start();
        _home = new Perstack.TestKit.Files.TempDirectory();
        _serviceAccountKey = RSA.Create(2048);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _llm.DisposeAsync();
        await _cloud.DisposeAsync();
        _home.Dispose();
        _serviceAccountKey.Dispose();
    }

    /// <summary>The reference's form: the model and provider name, nothing pointing anywhere.</summary>
    public static string ReferenceToml(string provider, string model) =>
        $"model = \"{model}\"\n[provider]\nproviderName = \"{provider}\"\n\n" + ConformanceToml.Text[ConformanceToml.Text.IndexOf("[experts.", StringComparison.Ordinal)..];

    [TestCase("anthropic", "claude-sonnet-4-5", ScriptedLlmApi.Anthropic, "/v1/messages")]
    [TestCase("google", "gemini-2.5-flash", ScriptedLlmApi.Gemini, "/v1beta/models/gemini-2.5-flash:generateContent")]
    [TestCase("openai", "gpt-5", ScriptedLlmApi.OpenAI, "/v1/chat/completions")]
    [TestCase("ollama", "gpt-oss:20b", ScriptedLlmApi.OpenAI, "/v1/chat/completions")]
    [TestCase("azure-openai", "gpt-5", ScriptedLlmApi.OpenAI, "/openai/v1/chat/completions")]
    [TestCase("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", ScriptedLlmApi.BedrockConverse, "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse")]
    [TestCase("deepseek", "deepseek-chat", ScriptedLlmApi.OpenAI, "/v1/chat/completions")]
    public async Task Every_reference_provider_runs_the_reference_toml_on_its_wire_format(string provider, string model, ScriptedLlmApi api, string path)
    {
        var result = await RunAsync(ReferenceToml(provider, model), StandardEnvironment(provider));

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().EndWith("completeRun@2/fake-basic", result.OutputLines[^1][^Math.Min(800, result.OutputLines[^1].Length)..]);
        _llm.Requests.Select(r => $"{r.Api} {r.Path}").Should().Equal(Enumerable.Repeat($"{api} {path}", 3));
        result.Output.Should().NotContain("test-key-0123", "no credential reaches the events");
    }

    /// <summary>
    /// google-vertex with Application Default Credentials as Google users have them: a service account key named by
    /// GOOGLE_APPLICATION_CREDENTIALS whose token endpoint (the stand-in) checks the signed JWT; Gemini model ids go to
    /// Vertex's Gemini wire format, claude-* ids to Claude's, each with the exchanged token.
    /// </summary>
    [TestCase("gemini-2.5-pro", ScriptedLlmApi.Gemini, "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent")]
    [TestCase("claude-sonnet-4-5@20250929", ScriptedLlmApi.Anthropic, "/v1/projects/my-project/locations/us-central1/publishers/anthropic/models/claude-sonnet-4-5%4020250929:rawPredict")]
    public async Task Google_vertex_runs_the_reference_toml_with_a_service_account_key(string model, ScriptedLlmApi api, string path)
    {
        var result = await RunAsync(ReferenceToml("google-vertex", model), StandardEnvironment("google-vertex"));

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().EndWith("completeRun@2/fake-basic", result.OutputLines[^1][^Math.Min(800, result.OutputLines[^1].Length)..]);
        _llm.Requests.Select(r => $"{r.Api} {r.Path}").Should().Equal(Enumerable.Repeat($"{api} {path}", 3));
        _llm.Requests.Should().OnlyContain(r => r.Header("Authorization") == $"Bearer {CloudCredentialServer.GoogleAccessToken}-1");
        _cloud.GoogleTokenForms.Should().ContainSingle("the token is kept for the whole run")
            .Which["grant_type"].Should().Be("urn:ietf:params:oauth:grant-type:jwt-bearer");
        result.Output.Should().NotContain(CloudCredentialServer.GoogleAccessToken).And.NotContain("PRIVATE KEY");
        result.Error.Should().NotContain(CloudCredentialServer.GoogleAccessToken);
    }

    [Test]
    public async Task Google_vertex_without_credentials_stops_the_run_with_one_clear_line()
    {
        var env = StandardEnvironment("google-vertex");
        env.Remove("GOOGLE_APPLICATION_CREDENTIALS");
        env["HOME"] = _home.Path;
        env["CLOUDSDK_CONFIG"] = Path.Combine(_home.Path, "no-gcloud");

        var result = await RunAsync(ReferenceToml("google-vertex", "gemini-2.5-pro"), env);

        RunWorkspace.Sequence(result).Should().EndWith("stopRunByError@1/fake-basic");
        result.OutputLines[^1].Should().Contain("Google Application Default Credentials were not found: set GOOGLE_APPLICATION_CREDENTIALS");
        _llm.Requests.Should().BeEmpty();
        _cloud.Requests.Should().BeEmpty("no metadata server is probed unless GCE_METADATA_HOST names one");
    }

    [Test]
    public async Task Bedrock_takes_container_credentials_from_the_aws_chain()
    {
        var env = AwsBaseEnvironment();
        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _cloud.ContainerCredentialsUri;
        env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = _llm.Origin;

        var result = await RunAsync(ReferenceToml("amazon-bedrock", "amazon.nova-pro-v1:0"), env);

        result.ExitCode.Should().Be(0, result.Error);
        RunWorkspace.Sequence(result).Should().EndWith("completeRun@2/fake-basic", result.OutputLines[^1][^Math.Min(800, result.OutputLines[^1].Length)..]);
        _cloud.Requests.Should().Contain(r => r.Target == "/container-credentials");
        _llm.Requests.Should().OnlyContain(r =>
            r.Header("Authorization")!.StartsWith($"AWS4-HMAC-SHA256 Credential={CloudCredentialServer.AccessKeyId}/", StringComparison.Ordinal)
            && r.Header("x-amz-security-token") == CloudCredentialServer.SessionToken);
    }

    [Test]
    public async Task Bedrock_takes_sso_credentials_of_the_aws_profile_after_aws_sso_login()
    {
        var env = SsoProfileEnvironment(_home.Path, _cloud);
        env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = _llm.Origin;

        var result = await RunAsync(ReferenceToml("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"), env);

        result.ExitCode.Should().Be(0, result.Error);
        AssertSignedBySso(_cloud, _llm, "us-west-2");
    }

    [Test]
    public async Task Bedrock_without_any_credentials_stops_the_run_with_one_clear_line()
    {
        var result = await RunAsync(ReferenceToml("amazon-bedrock", "amazon.nova-pro-v1:0"), AwsBaseEnvironment());

        RunWorkspace.Sequence(result).Should().EndWith("stopRunByError@1/fake-basic");
        result.OutputLines[^1].Should().Contain("AWS credentials could not be loaded");
        _llm.Requests.Should().BeEmpty();
    }

    /// <summary>Environment of an SSO profile <c>dev</c> with a cached <c>aws sso login</c> token, its portal at the stand-in.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "The AWS CLI names its SSO token cache file by the SHA-1 of the start URL")]
    internal static Dictionary<string, string> SsoProfileEnvironment(string home, CloudCredentialServer cloud)
    {
        const string StartUrl = "https://perstack-test.awsapps.com/start";
        Directory.CreateDirectory(Path.Combine(home, ".aws", "sso", "cache"));
        File.WriteAllText(Path.Combine(home, ".aws", "config"), $"""
            [profile dev]
            sso_start_url = {StartUrl}
            sso_region = us-east-1
            sso_account_id = 123456789012
            sso_role_name = Developer
            region = us-west-2
            """);
        var cacheName = Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(StartUrl))) + ".json";
        File.WriteAllText(Path.Combine(home, ".aws", "sso", "cache", cacheName), new JsonObject
        {
            ["startUrl"] = StartUrl,
            ["region"] = "us-east-1",
            ["accessToken"] = "sso-access-token-from-aws-sso-login",
            ["expiresAt"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString());
        var env = AwsBaseEnvironment(home);
        env["AWS_PROFILE"] = "dev";
        env["AWS_ENDPOINT_URL_SSO"] = cloud.Origin;
        env.Remove("AWS_REGION");
        return env;
    }

    /// <summary>The SSO portal got the cached token, and every model request was signed with its role credentials.</summary>
    internal static void AssertSignedBySso(CloudCredentialServer cloud, ScriptedLlmServer llm, string region)
    {
        var portal = cloud.Requests.Should().ContainSingle(r => r.Target.StartsWith("/federation/credentials", StringComparison.Ordinal)).Subject;
        portal.Target.Should().Contain("role_name=Developer").And.Contain("account_id=123456789012");
        portal.Headers["x-amz-sso_bearer_token"].Should().Be("sso-access-token-from-aws-sso-login");
        llm.Requests.Should().NotBeEmpty().And.OnlyContain(r =>
            r.Header("Authorization")!.Contains($"Credential={CloudCredentialServer.AccessKeyId}/", StringComparison.Ordinal)
            && r.Header("Authorization")!.Contains($"/{region}/bedrock/aws4_request", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> AwsBaseEnvironment(string? home = null) => new()
    {
        ["HOME"] = home ?? Path.Combine(Path.GetTempPath(), "perstack-tests-no-aws-home"),
        ["AWS_CONFIG_FILE"] = Path.Combine(home ?? "/nonexistent", ".aws", "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home ?? "/nonexistent", ".aws", "credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = "us-east-1",
    };

    private Dictionary<string, string> StandardEnvironment(string provider) => provider switch
    {
        "anthropic" => new() { ["ANTHROPIC_API_KEY"] = "sk-ant-test-key-0123", ["ANTHROPIC_BASE_URL"] = _llm.BaseUrl },
        "google" => new() { ["GOOGLE_GENERATIVE_AI_API_KEY"] = "google-test-key-0123", ["GOOGLE_GENERATIVE_AI_BASE_URL"] = $"{_llm.Origin}/v1beta" },
        "openai" => new() { ["OPENAI_API_KEY"] = "sk-openai-test-key-0123", ["OPENAI_BASE_URL"] = _llm.BaseUrl },
        "ollama" => new() { ["OLLAMA_BASE_URL"] = $"{_llm.Origin}/api" },
        "azure-openai" => new() { ["AZURE_API_KEY"] = "azure-test-key-0123", ["AZURE_BASE_URL"] = $"{_llm.Origin}/openai" },
        "amazon-bedrock" => new(AwsBaseEnvironment())
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIATESTKEY0123",
            ["AWS_SECRET_ACCESS_KEY"] = "aws-secret-test-key-0123",
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = _llm.Origin,
        },
        "google-vertex" => new()
        {
            ["GOOGLE_VERTEX_PROJECT"] = "my-project",
            ["GOOGLE_VERTEX_LOCATION"] = "us-central1",
            ["GOOGLE_VERTEX_BASE_URL"] = _llm.Origin,
            ["GOOGLE_APPLICATION_CREDENTIALS"] = ServiceAccountFile(),
        },
        "deepseek" => new() { ["DEEPSEEK_API_KEY"] = "deepseek-test-key-0123", ["DEEPSEEK_BASE_URL"] = _llm.BaseUrl },
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>A service account key whose <c>token_uri</c> is the stand-in, which checks the JWT against the key.</summary>
    private string ServiceAccountFile()
    {
        _cloud.TrustGoogleServiceAccount(_serviceAccountKey, "perstack-test@my-project.iam.gserviceaccount.com");
        return GoogleAuth.GoogleDefaultCredentialsTests.ServiceAccountFile(_home.Path, _serviceAccountKey, $"{_cloud.Origin}/token");
    }

    private static async Task<ProcessResult> RunAsync(string toml, Dictionary<string, string> environment)
    {
        using var project = new Perstack.TestKit.Files.TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(project.Path, "perstack.toml"), toml);
        return await PerstackProcess.RunAsync(project.Path, environment, "run", "fake-basic", "Say hello");
    }
}
