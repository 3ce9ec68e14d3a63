using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Providers;

/// <summary>Which failures <see cref="RetryingChatClient"/> retries, how long it waits and what it throws.</summary>
[TestFixture]
public sealed class RetryingChatClientTests
{
    private static readonly HttpResponseSnapshot ServerError = new(500, "Internal Server Error", null, null);

    [Test]
    public async Task Transient_failure_then_success_returns_the_response()
    {
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException("boom"), ServerError).ThenReply("fine");
        using var client = Retrying(inner, maxRetries: 2);

        var response = await client.GetResponseAsync("hi");

        response.Text.Should().Be("fine");
        inner.Calls.Should().Be(2);
    }

    [Test]
    public async Task Retries_run_out_after_max_retries_plus_one_attempts()
    {
        var inner = new FakeChatClient();
        for (var i = 0; i < 10; i++)
        {
            inner.ThenThrow(new InvalidOperationException("boom"), ServerError);
        }

        using var client = Retrying(inner, maxRetries: 5);

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("APICallError");
        failure.Message.Should().Be("Max retries (5) exceeded: 500 Internal Server Error");
        failure.StatusCode.Should().Be(500);
        failure.IsRetryable.Should().BeTrue();
        failure.Attempts.Should().Be(6);
        inner.Calls.Should().Be(6);
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(422)]
    public async Task Client_error_status_fails_at_once(int status)
    {
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException("rejected"), new HttpResponseSnapshot(status, null, null, "bad things"));
        using var client = Retrying(inner, maxRetries: 5);

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().StartWith($"{status} ").And.EndWith(": bad things");
        failure.IsRetryable.Should().BeFalse();
        failure.Attempts.Should().Be(1);
        inner.Calls.Should().Be(1);
    }

    public static IEnumerable<TestCaseData> TransientFailures()
    {
        yield return new TestCaseData(new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException(111))).SetArgDisplayNames("connection refused");
        yield return new TestCaseData(new IOException("Connection reset by peer")).SetArgDisplayNames("io");
        yield return new TestCaseData(new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway)).SetArgDisplayNames("status 502 on exception");
        yield return new TestCaseData(new LlmTimeoutException(TimeSpan.FromSeconds(1))).SetArgDisplayNames("timeout");
        yield return new TestCaseData(new TaskCanceledException("sdk timeout", new TimeoutException("elapsed"))).SetArgDisplayNames("sdk timeout");
    }

    [TestCaseSource(nameof(TransientFailures))]
    public async Task Transient_exceptions_are_retried(Exception exception)
    {
        var inner = new FakeChatClient().ThenThrow(exception).ThenReply("fine");
        using var client = Retrying(inner, maxRetries: 1);

        var response = await client.GetResponseAsync("hi");

        response.Text.Should().Be("fine");
        inner.Calls.Should().Be(2);
    }

    [Test]
    public async Task Timeouts_are_reported_as_timeout_errors()
    {
        var inner = new FakeChatClient().ThenThrow(new LlmTimeoutException(TimeSpan.FromMilliseconds(250))).ThenThrow(new LlmTimeoutException(TimeSpan.FromMilliseconds(250)));
        using var client = Retrying(inner, maxRetries: 1);

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("TimeoutError");
        failure.Message.Should().Be("Max retries (1) exceeded: The LLM call timed out after 250 ms");
        failure.StatusCode.Should().BeNull();
    }

    [Test]
    public async Task Malformed_response_fails_at_once()
    {
        var inner = new FakeChatClient().ThenThrow(new JsonException("'<' is an invalid start of a value."), new HttpResponseSnapshot(200, "OK", null, null));
        using var client = Retrying(inner, maxRetries: 3);

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Name.Should().Be("InvalidResponseDataError");
        failure.Message.Should().Be("Invalid response from API: '<' is an invalid start of a value.");
        failure.IsRetryable.Should().BeFalse();
        inner.Calls.Should().Be(1);
    }

    [Test]
    public async Task Zero_retries_reports_the_failure_itself()
    {
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException("boom"), ServerError);
        using var client = Retrying(inner, maxRetries: 0);

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Be("500 Internal Server Error");
        failure.IsRetryable.Should().BeTrue();
        failure.Attempts.Should().Be(1);
    }

    [Test]
    public async Task Caller_cancellation_propagates_and_is_not_retried()
    {
        var inner = new FakeChatClient().ThenHang();
        using var client = Retrying(inner, maxRetries: 5);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = () => client.GetResponseAsync("hi", cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        inner.Calls.Should().Be(1);
    }

    [Test]
    public async Task Caller_cancellation_during_the_backoff_propagates()
    {
        var time = new FakeTimeProvider();
        var inner = new FakeChatClient().ThenThrow(new IOException("reset"));
        using var client = new RetryingChatClient(inner, new LlmRetryOptions { MaxRetries = 3, TimeProvider = time, BaseDelay = TimeSpan.FromSeconds(5) });
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cancellation.Token);
        await WaitUntilAsync(() => inner.Calls == 1);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        inner.Calls.Should().Be(1);
    }

    [Test]
    public async Task Backoff_grows_exponentially_up_to_the_cap()
    {
        var delays = new List<TimeSpan>();
        var inner = new FakeChatClient();
        for (var i = 0; i < 5; i++)
        {
            inner.ThenThrow(new IOException("reset"));
        }

        var options = new LlmRetryOptions
        {
            MaxRetries = 5,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(4),
            UseJitter = false,
            OnRetry = (_, _, delay) => delays.Add(delay),
        };
        using var client = new RetryingChatClient(inner, options);

        await client.GetResponseAsync("hi");

        delays.Select(d => d.TotalMilliseconds).Should().Equal(1, 2, 4, 4, 4);
    }

    [Test]
    public async Task Jitter_keeps_delays_between_zero_and_the_cap()
    {
        var delays = new List<TimeSpan>();
        var inner = new FakeChatClient().ThenThrow(new IOException("reset")).ThenThrow(new IOException("reset")).ThenThrow(new IOException("reset"));
        var options = new LlmRetryOptions
        {
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(2),
            MaxDelay = TimeSpan.FromMilliseconds(20),
            OnRetry = (_, _, delay) => delays.Add(delay),
        };
        using var client = new RetryingChatClient(inner, options);

        await client.GetResponseAsync("hi");

        delays.Should().HaveCount(3).And.OnlyContain(d => d >= TimeSpan.Zero && d <= TimeSpan.FromMilliseconds(20));
    }

    [Test]
    public async Task Retry_after_is_waited_for_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var rateLimited = new HttpResponseSnapshot(429, "Too Many Requests", TimeSpan.FromSeconds(7), "slow down");
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException("429"), rateLimited).ThenReply("fine");
        var retries = new List<(LlmFailure Failure, int Retry, TimeSpan Delay)>();
        var options = new LlmRetryOptions { MaxRetries = 2, TimeProvider = time, OnRetry = (f, n, d) => retries.Add((f, n, d)) };
        using var client = new RetryingChatClient(inner, options);

        var call = client.GetResponseAsync("hi");
        await WaitUntilAsync(() => retries.Count == 1);
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(50);
        inner.Calls.Should().Be(1, "Retry-After asked for 7 s");
        time.Advance(TimeSpan.FromMilliseconds(200));

        (await call).Text.Should().Be("fine");
        inner.Calls.Should().Be(2);
        retries.Single().Delay.Should().Be(TimeSpan.FromSeconds(7));
        retries.Single().Retry.Should().Be(1);
        retries.Single().Failure.Message.Should().Be("429 Too Many Requests: slow down");
    }

    private sealed class RetryRecorder : IChatStreamObserver, IChatRetryObserver
    {
        public List<(LlmFailure Failure, int Attempt, int MaxAttempts, TimeSpan Delay)> Retries { get; } = [];

        public void Started()
        {
        }

        public void Reasoning(string delta)
        {
        }

        public void Text(string delta)
        {
        }

        public void Retrying(LlmFailure failure, int attempt, int maxAttempts, TimeSpan delay) => Retries.Add((failure, attempt, maxAttempts, delay));
    }

    [Test]
    public async Task The_calls_retry_observer_hears_each_failed_attempt_of_how_many_and_the_wait()
    {
        var inner = new FakeChatClient()
            .ThenThrow(new InvalidOperationException("429"), new HttpResponseSnapshot(429, "Too Many Requests", TimeSpan.FromMilliseconds(5), "slow down"))
            .ThenThrow(new InvalidOperationException("500"), new HttpResponseSnapshot(500, "Internal Server Error", TimeSpan.FromMilliseconds(5), null))
            .ThenReply("fine");
        var options = new LlmRetryOptions { MaxRetries = 3 };
        using var client = new RetryingChatClient(inner, options);
        var recorder = new RetryRecorder();
        var chatOptions = new ChatOptions { AdditionalProperties = new() { [LiveStreamingChatClient.ObserverKey] = recorder } };

        (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], chatOptions)).Text.Should().Be("fine");

        recorder.Retries.Select(r => (r.Failure.StatusCode, r.Attempt, r.MaxAttempts, r.Delay)).Should().Equal(
            (429, 1, 4, TimeSpan.FromMilliseconds(5)),
            (500, 2, 4, TimeSpan.FromMilliseconds(5)));
        recorder.Retries[0].Failure.Message.Should().Be("429 Too Many Requests: slow down");
    }

    [Test]
    public async Task Retry_after_is_capped()
    {
        var delays = new List<TimeSpan>();
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException("429"), new HttpResponseSnapshot(429, null, TimeSpan.FromHours(1), null));
        var options = new LlmRetryOptions { MaxRetries = 1, MaxRetryAfter = TimeSpan.FromMilliseconds(10), OnRetry = (_, _, d) => delays.Add(d) };
        using var client = new RetryingChatClient(inner, options);

        await client.GetResponseAsync("hi");

        delays.Should().Equal(TimeSpan.FromMilliseconds(10));
    }

    [Test]
    public async Task Custom_classifier_is_asked_first()
    {
        var inner = new FakeChatClient().ThenThrow(new NotSupportedException("overloaded")).ThenReply("fine");
        var options = new LlmRetryOptions
        {
            MaxRetries = 1,
            BaseDelay = TimeSpan.Zero,
            Classifier = ex => ex is NotSupportedException ? new LlmFailure("APICallError", "529 Overloaded", 529, true) : null,
        };
        using var client = new RetryingChatClient(inner, options);

        (await client.GetResponseAsync("hi")).Text.Should().Be("fine");
    }

    [Test]
    public async Task Secrets_are_masked_in_the_message_and_dropped_from_the_cause()
    {
        const string Key = "sk-secret-value-123";
        var inner = new FakeChatClient().ThenThrow(new InvalidOperationException($"key {Key} rejected"), new HttpResponseSnapshot(401, "Unauthorized", null, $"invalid key {Key}"));
        using var client = new RetryingChatClient(inner, new LlmRetryOptions { Secrets = [Key] });

        var act = () => client.GetResponseAsync("hi");

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Be("401 Unauthorized: invalid key ***");
        failure.ToString().Should().NotContain(Key);
    }

    [Test]
    public async Task Stream_failure_before_the_first_update_is_retried()
    {
        var inner = new FakeChatClient()
            .ThenStreamFailure(new InvalidOperationException("boom"), ServerError)
            .ThenStream(token => FakeChatClient.Updates(["a", "b"], TimeSpan.Zero, null, token));
        using var client = Retrying(inner, maxRetries: 1);

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync();

        updates.Select(u => u.Text).Should().Equal("a", "b");
        inner.Calls.Should().Be(2);
    }

    [Test]
    public async Task Stream_failure_after_the_first_update_is_not_retried()
    {
        var inner = new FakeChatClient().ThenStream(token => FakeChatClient.Updates(["a"], TimeSpan.Zero, new IOException("reset"), token));
        using var client = Retrying(inner, maxRetries: 3);
        var seen = new List<string>();

        var act = async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi"))
            {
                seen.Add(update.Text);
            }
        };

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().StartWith("Cannot connect to API:");
        failure.Attempts.Should().Be(1);
        seen.Should().Equal("a");
        inner.Calls.Should().Be(1);
    }

    [Test]
    public async Task Stream_retries_run_out()
    {
        var inner = new FakeChatClient()
            .ThenStreamFailure(new IOException("reset"))
            .ThenStreamFailure(new IOException("reset"))
            .ThenStreamFailure(new IOException("reset"));
        using var client = Retrying(inner, maxRetries: 2);

        var act = async () => await client.GetStreamingResponseAsync("hi").ToListAsync();

        var failure = (await act.Should().ThrowAsync<LlmCallFailedException>()).Which;
        failure.Message.Should().Be("Max retries (2) exceeded: Cannot connect to API: reset");
        failure.Attempts.Should().Be(3);
    }

    [Test]
    public void Builder_extension_adds_the_decorator()
    {
        using var client = new ChatClientBuilder(new FakeChatClient()).UseRetries(o => o.MaxRetries = 9).Build();

        client.GetService<RetryingChatClient>()!.Options.MaxRetries.Should().Be(9);
    }

    [Test]
    public void Options_reject_negative_values()
    {
        var options = new LlmRetryOptions();

        FluentActions.Invoking(() => options.MaxRetries = -1).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => options.BaseDelay = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static RetryingChatClient Retrying(IChatClient inner, int maxRetries) =>
        new(inner, new LlmRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true.");
            }

            await Task.Delay(5);
        }
    }
}
