using System.Security.Cryptography;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Perstack.App.Providers;
using Perstack.Core.Providers;
using Perstack.TestKit.CloudCredentials;
using Perstack.TestKit.Files;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers.GoogleAuth;

/// <summary>
/// google-vertex with real Application Default Credentials (a service account key whose token endpoint is a stand-in):
/// the token is kept until shortly before it expires, and renewed once when Vertex answers 401.
/// </summary>
public sealed class VertexBearerTokenTests
{
    private const string ClientEmail = "perstack-test@my-project.iam.gserviceaccount.com";

    private ScriptedLlmServer _llm = null!;
    private CloudCredentialServer _cloud = null!;
    private TempDirectory _home = null!;
    private RSA _key = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _llm = ScriptedLlmServer.Start();
        _cloud = CloudCredentialServer.Start();
        _home = new TempDirectory();
        _key = RSA.Create(2048);
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [TearDown]
    public async Task TearDown()
    {
        _key.Dispose();
        _home.Dispose();
        await _cloud.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [TestCase("gemini-2.5-flash")]
    [TestCase("claude-sonnet-4-5@20250929")]
    public async Task The_token_is_kept_until_five_minutes_before_it_expires(string model)
    {
        // The stand-in does not check signatures here: the JWT's iat follows the test's clock, an hour ahead of its own.
        using var client = Client(model);

        await client.GetResponseAsync(Conversation());
        await client.GetResponseAsync(Conversation());
        _clock.Advance(TimeSpan.FromMinutes(54));
        await client.GetResponseAsync(Conversation());
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await client.GetResponseAsync(Conversation());

        _cloud.GoogleTokens.Should().HaveCount(2);
        _llm.Requests.Select(r => r.Header("Authorization")).Should().Equal(
            Bearer(1), Bearer(1), Bearer(1), Bearer(2));
    }

    [Test]
    public async Task A_401_renews_the_token_once_and_the_call_succeeds()
    {
        _cloud.TrustGoogleServiceAccount(_key, ClientEmail);
        using var client = Client("gemini-2.5-flash");
        _llm.Enqueue(ScriptedReply.Status(401));

        var response = await client.GetResponseAsync(Conversation());

        response.Messages.Should().NotBeEmpty();
        _llm.Requests.Select(r => r.Header("Authorization")).Should().Equal(Bearer(1), Bearer(2));
    }

    [Test]
    public async Task A_second_401_fails_the_call_without_another_renewal()
    {
        _cloud.TrustGoogleServiceAccount(_key, ClientEmail);
        using var client = Client("claude-sonnet-4-5@20250929");
        _llm.Enqueue(ScriptedReply.Status(401), ScriptedReply.Status(401));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.StatusCode.Should().Be(401);
        failure.Message.Should().NotContain(CloudCredentialServer.GoogleAccessToken);
        _llm.Requests.Should().HaveCount(2);
        _cloud.GoogleTokens.Should().HaveCount(2);
    }

    [Test]
    public async Task A_refused_key_stops_the_call_in_one_line_and_vertex_is_never_called()
    {
        using var other = RSA.Create(2048);
        _cloud.TrustGoogleServiceAccount(other, ClientEmail);
        using var client = Client("gemini-2.5-flash");

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().StartWith("Google Vertex credentials could not be loaded: The token endpoint of ")
            .And.EndWith("refused the credentials (400): invalid_grant: Invalid JWT Signature.");
        failure.IsRetryable.Should().BeFalse();
        _llm.Requests.Should().BeEmpty();
    }

    private static string Bearer(int n) => $"Bearer {CloudCredentialServer.GoogleAccessToken}-{n}";

    private IChatClient Client(string model)
    {
        var file = GoogleDefaultCredentialsTests.ServiceAccountFile(_home.Path, _key, $"{_cloud.Origin}/token");
        var factory = new ChatClientFactory(new ChatClientFactoryOptions { TimeProvider = _clock, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero });
        var env = Env(
            ("GOOGLE_VERTEX_PROJECT", "my-project"),
            ("GOOGLE_VERTEX_LOCATION", "us-central1"),
            ("GOOGLE_VERTEX_BASE_URL", _llm.Origin),
            ("GOOGLE_APPLICATION_CREDENTIALS", file));
        return factory.Create(Request("google-vertex", env, maxRetries: 0, model: model));
    }
}
