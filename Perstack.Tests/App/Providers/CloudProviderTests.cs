using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>amazon-bedrock and google-vertex (Claude through the cloud SDKs) pointed at the scripted LLM.</summary>
[TestFixture]
public sealed class CloudProviderTests
{
    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    [Test]
    public async Task Bedrock_invokes_the_model_path_with_a_sigv4_signature()
    {
        var env = Env(("AWS_ACCESS_KEY_ID", "AKIATESTACCESSKEY"), ("AWS_SECRET_ACCESS_KEY", "secret-access-key-test"), ("AWS_REGION", "us-east-1"));
        var setting = new ProviderSettings { BaseUrl = _llm.Origin };
        using var client = FastFactory().Create(Request("amazon-bedrock", env, setting, model: "anthropic.claude-sonnet-4-5"));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        response.Usage!.InputTokenCount.Should().Be(150);
        var request = _llm.Requests.Single();
        request.Path.Should().Be("/model/anthropic.claude-sonnet-4-5/invoke");
        request.Header("Authorization").Should().StartWith("AWS4-HMAC-SHA256 Credential=AKIATESTACCESSKEY/").And.Contain("/us-east-1/bedrock/aws4_request");
        request.Header("x-amz-security-token").Should().BeNull();
        request.Body.Should().NotContain("secret-access-key-test");
    }

    [Test]
    public async Task Bedrock_streams_through_the_aws_event_stream()
    {
        var env = Env(("AWS_ACCESS_KEY_ID", "AKIATESTACCESSKEY"), ("AWS_SECRET_ACCESS_KEY", "secret-access-key-test"), ("AWS_REGION", "us-east-1"));
        using var client = FastFactory().Create(Request("amazon-bedrock", env, new ProviderSettings { BaseUrl = _llm.Origin }, model: "anthropic.claude-sonnet-4-5"));

        var response = await StreamToResponseAsync(client, Conversation(), WithTools(Think));

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        call.Name.Should().Be("think");
        call.Arguments!["thought"]!.ToString().Should().Be("Fake thought about: Say hello");
        response.Usage!.OutputTokenCount.Should().Be(25);
        _llm.Requests.Single().Path.Should().Be("/model/anthropic.claude-sonnet-4-5/invoke-with-response-stream");
    }

    [Test]
    public async Task Bedrock_signs_temporary_credentials_with_the_session_token_and_setting_region()
    {
        var env = Env(
            ("AWS_ACCESS_KEY_ID", "ASIATESTACCESSKEY"),
            ("AWS_SECRET_ACCESS_KEY", "secret-access-key-test"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_SESSION_TOKEN", "session-token-test"));
        var setting = new ProviderSettings { BaseUrl = _llm.Origin, Region = "eu-west-1" };
        using var client = FastFactory().Create(Request("amazon-bedrock", env, setting, model: "anthropic.claude-sonnet-4-5"));

        await client.GetResponseAsync(Conversation());

        var request = _llm.Requests.Single();
        request.Header("x-amz-security-token").Should().Be("session-token-test");
        request.Header("Authorization").Should().Contain("/eu-west-1/bedrock/aws4_request").And.Contain("x-amz-security-token");
    }

    [Test]
    public async Task Vertex_posts_raw_predict_for_the_project_and_location()
    {
        var env = Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_LOCATION", "us-east5"), ("GOOGLE_VERTEX_BASE_URL", _llm.Origin));
        using var client = FastFactory().Create(Request("google-vertex", env));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));
        var streamed = await StreamToResponseAsync(client, Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        streamed.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        var requests = _llm.Requests;
        requests[0].Path.Should().Be("/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5:rawPredict");
        requests[1].Path.Should().Be("/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5:streamRawPredict");
        requests.Should().OnlyContain(r => r.Header("Authorization") == "Bearer ya29.fake-vertex-token");
    }

    [Test]
    public async Task Vertex_retries_server_errors_like_the_other_providers()
    {
        _llm.Enqueue(ScriptedReply.Status(503));
        var env = Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_BASE_URL", _llm.Origin));
        using var client = FastFactory().Create(Request("google-vertex", env));

        await client.GetResponseAsync(Conversation());

        _llm.Requests.Should().HaveCount(2);
        _llm.Requests[0].Path.Should().Contain("/locations/global/", "the location defaults to global");
    }

    [Test]
    public async Task Vertex_credentials_that_fail_to_load_fail_the_call_without_retry()
    {
        var factory = new ChatClientFactory(new ChatClientFactoryOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) })
        {
            VertexCredentials = (_, _) => throw new InvalidOperationException("Your default credentials were not found."),
        };
        var env = Env(("GOOGLE_VERTEX_PROJECT", "my-project"), ("GOOGLE_VERTEX_BASE_URL", _llm.Origin));
        using var client = factory.Create(Request("google-vertex", env, maxRetries: 3));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Be("Google Vertex credentials could not be loaded: Your default credentials were not found.");
        failure.IsRetryable.Should().BeFalse();
        failure.Attempts.Should().Be(1);
        _llm.Requests.Should().BeEmpty();
    }
}
