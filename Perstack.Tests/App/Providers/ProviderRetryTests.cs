using System.Diagnostics;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.Core.Providers;
using Perstack.TestKit.ScriptedLlm;
using static Perstack.Tests.App.Providers.ProviderTestKit;

namespace Perstack.Tests.App.Providers;

/// <summary>Retries, timeouts and failures of real SDK calls against faults of the scripted LLM.</summary>
[TestFixture]
public sealed class ProviderRetryTests
{
    private ScriptedLlmServer _llm = null!;

    public static IEnumerable<string> Providers() => ["anthropic", "openai"];

    [SetUp]
    public void StartServer() => _llm = ScriptedLlmServer.Start();

    [TearDown]
    public async Task StopServer() => await _llm.DisposeAsync();

    [TestCaseSource(nameof(Providers))]
    public async Task Server_error_then_success_is_retried(string provider)
    {
        _llm.Enqueue(ScriptedReply.Status(500));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        var response = await client.GetResponseAsync(Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        _llm.Requests.Should().HaveCount(2);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Server_error_every_time_fails_after_max_retries_plus_one_attempts(string provider)
    {
        _llm.Enqueue(Enumerable.Range(0, 10).Select(_ => ScriptedReply.Status(500)).ToArray());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 3));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("APICallError");
        failure.Message.Should().StartWith("Max retries (3) exceeded: 500 Internal Server Error");
        failure.Message.Should().NotContain("\n");
        failure.StatusCode.Should().Be(500);
        failure.IsRetryable.Should().BeTrue();
        failure.Attempts.Should().Be(4);
        _llm.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task Default_backoff_keeps_two_retries_fast()
    {
        _llm.Enqueue(ScriptedReply.Status(503), ScriptedReply.Status(502));
        using var client = new ChatClientFactory().Create(RequestFor("anthropic", maxRetries: 2));
        var clock = Stopwatch.StartNew();

        await client.GetResponseAsync(Conversation());

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        _llm.Requests.Should().HaveCount(3);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Rate_limit_waits_for_retry_after(string provider)
    {
        _llm.Enqueue(ScriptedReply.Status(429, retryAfter: TimeSpan.FromSeconds(1)));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        await client.GetResponseAsync(Conversation());

        var requests = _llm.Requests;
        requests.Should().HaveCount(2);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "the backoff alone is 5 ms");
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Hang_past_the_timeout_is_a_retried_timeout_error(string provider)
    {
        _llm.Enqueue(Enumerable.Range(0, 5).Select(_ => ScriptedReply.Hang(TimeSpan.FromSeconds(30))).ToArray());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2, timeout: TimeSpan.FromMilliseconds(300)));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("TimeoutError");
        failure.Message.Should().Be("Max retries (2) exceeded: The LLM call timed out after 300 ms");
        failure.IsRetryable.Should().BeTrue();
        failure.Attempts.Should().Be(3);
        await _llm.WaitForRequestsAsync(3, TimeSpan.FromSeconds(5));
        _llm.Requests.Should().HaveCount(3);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Hang_shorter_than_the_timeout_succeeds(string provider)
    {
        _llm.Enqueue(ScriptedReply.Hang(TimeSpan.FromMilliseconds(100)));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 0, timeout: TimeSpan.FromSeconds(5)));

        var response = await client.GetResponseAsync(Conversation());

        response.Text.Should().StartWith("Fake final answer.");
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Malformed_json_fails_at_once_without_retry(string provider)
    {
        _llm.Enqueue(ScriptedReply.MalformedJson());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 3));

        var act = () => client.GetResponseAsync(Conversation(), WithTools(Think));

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("InvalidResponseDataError");
        failure.Message.Should().StartWith("Invalid response from API:");
        failure.IsRetryable.Should().BeFalse();
        failure.Attempts.Should().Be(1);
        _llm.Requests.Should().HaveCount(1);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Client_errors_fail_at_once_without_retry(string provider)
    {
        foreach (var status in new[] { 400, 401, 403, 404 })
        {
            _llm.Enqueue(ScriptedReply.Status(status));
            using var client = FastFactory().Create(RequestFor(provider, maxRetries: 3));

            var act = () => client.GetResponseAsync(Conversation());

            var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
            failure.Name.Should().Be("APICallError");
            failure.StatusCode.Should().Be(status);
            failure.Message.Should().StartWith($"{status} ");
            failure.IsRetryable.Should().BeFalse();
            failure.Attempts.Should().Be(1);
        }

        _llm.Requests.Should().HaveCount(4);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Connection_reset_is_retried(string provider)
    {
        _llm.Enqueue(ScriptedReply.ConnectionReset(), ScriptedReply.ConnectionReset());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        var response = await client.GetResponseAsync(Conversation());

        response.Text.Should().StartWith("Fake final answer.");
        _llm.Requests.Should().HaveCount(3);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Connection_reset_every_time_reports_a_connection_error(string provider)
    {
        _llm.Enqueue(ScriptedReply.ConnectionReset(), ScriptedReply.ConnectionReset());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 1));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("APICallError");
        failure.Message.Should().StartWith("Max retries (1) exceeded: Cannot connect to API:");
        failure.StatusCode.Should().BeNull();
        failure.Attempts.Should().Be(2);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Caller_cancellation_propagates_without_retries(string provider)
    {
        _llm.Enqueue(ScriptedReply.Hang(TimeSpan.FromSeconds(30)));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 3, timeout: TimeSpan.FromSeconds(20)));
        using var cancellation = new CancellationTokenSource();

        // Cancelled once the request is on the server (not after a fixed time: on a loaded machine the first request
        // of a client can take longer than any short delay to leave, and then nothing would have been sent).
        var call = client.GetResponseAsync(Conversation(), cancellationToken: cancellation.Token);
        await _llm.WaitForRequestsAsync(1, TimeSpan.FromSeconds(15));
        await cancellation.CancelAsync();

        var act = async () => await call;
        await act.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(200);
        _llm.Requests.Should().HaveCount(1);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Streaming_failure_before_the_first_update_is_retried(string provider)
    {
        _llm.Enqueue(ScriptedReply.Status(529), ScriptedReply.Status(500));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        var response = await StreamToResponseAsync(client, Conversation(), WithTools(Think));

        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name.Should().Be("think");
        _llm.Requests.Should().HaveCount(3).And.OnlyContain(r => r.IsStreaming);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Slow_stream_past_the_timeout_is_a_timeout_error(string provider)
    {
        _llm.Enqueue(ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(150)));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 0, timeout: TimeSpan.FromMilliseconds(500)));

        var act = () => StreamToResponseAsync(client, Conversation(), WithTools(Think));

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("TimeoutError");
        failure.Attempts.Should().Be(1);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Slow_body_past_the_timeout_is_retried_then_succeeds(string provider)
    {
        _llm.Enqueue(ScriptedReply.SlowDrip(TimeSpan.FromMilliseconds(200)));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 1, timeout: TimeSpan.FromMilliseconds(400)));

        var response = await client.GetResponseAsync(Conversation());

        response.Text.Should().StartWith("Fake final answer.");
        _llm.Requests.Should().HaveCount(2);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Malformed_stream_fails_without_retry(string provider)
    {
        _llm.Enqueue(ScriptedReply.MalformedJson());
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        var act = () => StreamToResponseAsync(client, Conversation(), WithTools(Think));

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.IsRetryable.Should().BeFalse();
        _llm.Requests.Should().HaveCount(1);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Api_key_never_appears_in_errors(string provider)
    {
        var key = provider == "anthropic" ? AnthropicKey : OpenAIKey;
        var echo = $$$"""{"error":{"type":"authentication_error","message":"invalid key {{{key}}}"}}""";
        _llm.Enqueue(ScriptedReply.Status(401, body: echo));
        using var client = FastFactory().Create(RequestFor(provider, maxRetries: 2));

        var act = () => client.GetResponseAsync(Conversation());

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Be("401 Unauthorized: invalid key ***");
        failure.ToString().Should().NotContain(key);
        _llm.Requests.Single().Headers.Values.Should().Contain(v => v.Contains(key, StringComparison.Ordinal), "the key is sent, only never echoed");
    }

    [Test]
    public async Task Latency_slows_every_reply()
    {
        _llm.Latency = TimeSpan.FromMilliseconds(200);
        using var client = FastFactory().Create(RequestFor("openai", maxRetries: 0));
        var clock = Stopwatch.StartNew();

        await client.GetResponseAsync(Conversation());

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(180));
    }

    private ProviderRequest RequestFor(string provider, int maxRetries, TimeSpan? timeout = null) => provider switch
    {
        "anthropic" => Request("anthropic", Env(("ANTHROPIC_API_KEY", AnthropicKey)), new ProviderSettings { BaseUrl = _llm.AnthropicBaseUrl }, maxRetries, timeout),
        _ => Request("openai", Env(("OPENAI_API_KEY", OpenAIKey)), new ProviderSettings { BaseUrl = _llm.OpenAIBaseUrl }, maxRetries, timeout, "gpt-5"),
    };
}
