using FluentAssertions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Providers;

/// <summary>The per-call limit of <see cref="TimeoutChatClient"/>, and how it differs from the caller cancelling.</summary>
[TestFixture]
public sealed class TimeoutChatClientTests
{
    [Test]
    public async Task Call_past_the_limit_throws_a_timeout()
    {
        using var client = new TimeoutChatClient(new FakeChatClient().ThenHang(), TimeSpan.FromMilliseconds(100));

        var act = () => client.GetResponseAsync("hi");

        var timeout = (await act.Should().ThrowAsync<LlmTimeoutException>()).Which;
        timeout.Message.Should().Be("The LLM call timed out after 100 ms");
        timeout.Timeout.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Test]
    public async Task Limit_runs_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        using var client = new TimeoutChatClient(new FakeChatClient().ThenHang(), TimeSpan.FromMinutes(5), time);

        var call = client.GetResponseAsync("hi");
        await Task.Delay(50);
        call.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromMinutes(5));

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<LlmTimeoutException>();
    }

    [Test]
    public async Task Call_within_the_limit_passes_through()
    {
        using var client = new TimeoutChatClient(new FakeChatClient().ThenReply("quick"), TimeSpan.FromSeconds(5));

        (await client.GetResponseAsync("hi")).Text.Should().Be("quick");
    }

    [Test]
    public async Task Caller_cancellation_is_not_a_timeout()
    {
        using var client = new TimeoutChatClient(new FakeChatClient().ThenHang(), TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = () => client.GetResponseAsync("hi", cancellationToken: cancellation.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.Should().NotBeOfType<LlmTimeoutException>();
    }

    [Test]
    public async Task Stream_stalling_past_the_limit_throws_a_timeout()
    {
        var inner = new FakeChatClient().ThenStream(token => FakeChatClient.Updates(["a", "b", "c"], TimeSpan.FromMilliseconds(80), null, token));
        using var client = new TimeoutChatClient(inner, TimeSpan.FromMilliseconds(200));
        var seen = new List<string>();

        var act = async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi"))
            {
                seen.Add(update.Text);
            }
        };

        await act.Should().ThrowAsync<LlmTimeoutException>();
        seen.Should().HaveCountLessThan(3);
    }

    [Test]
    public async Task Stream_within_the_limit_passes_through()
    {
        var inner = new FakeChatClient().ThenStream(token => FakeChatClient.Updates(["a", "b"], TimeSpan.Zero, null, token));
        using var client = new TimeoutChatClient(inner, TimeSpan.FromSeconds(5));

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync();

        updates.Select(u => u.Text).Should().Equal("a", "b");
    }

    [Test]
    public async Task Timed_out_attempts_are_retried_when_composed_with_retries()
    {
        var inner = new FakeChatClient().ThenHang().ThenReply("second time lucky");
        using var client = new ChatClientBuilder(inner)
            .UseRetries(o => o.BaseDelay = TimeSpan.Zero)
            .UseTimeout(TimeSpan.FromMilliseconds(100))
            .Build();

        (await client.GetResponseAsync("hi")).Text.Should().Be("second time lucky");
        inner.Calls.Should().Be(2);
    }

    [Test]
    public void Limit_must_be_positive()
    {
        var act = () => new TimeoutChatClient(new FakeChatClient(), TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task Limits_beyond_the_timer_range_count_as_infinite()
    {
        using var client = new TimeoutChatClient(new FakeChatClient().ThenReply("x"), TimeSpan.FromDays(100));

        (await client.GetResponseAsync("hi")).Text.Should().Be("x");
    }

    [Test]
    public async Task Infinite_limit_is_allowed()
    {
        using var client = new TimeoutChatClient(new FakeChatClient().ThenReply("x"), Timeout.InfiniteTimeSpan);

        (await client.GetResponseAsync("hi")).Text.Should().Be("x");
    }
}
