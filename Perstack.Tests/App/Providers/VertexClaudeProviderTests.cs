using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>google-vertex with Claude model ids (the Messages API on Vertex) pointed at the scripted LLM.</summary>
[TestFixture]
public sealed class VertexClaudeProviderTests
{
    private ScriptedLlmServer _llm = null!;

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

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
            GoogleCredentials = (_, _, _) => throw new Perstack.App.Providers.GoogleAuth.GoogleCredentialsException("Your default credentials were not found."),
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
