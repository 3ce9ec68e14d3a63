using System.Net;
using System.Text;
using FluentAssertions;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.TestKit.ScriptedLlm;

/// <summary>The scripted LLM server itself: loopback only, request log, reply queue, unknown routes.</summary>
[TestFixture]
public sealed class ScriptedLlmServerTests
{
    [Test]
    public async Task Listens_on_loopback_only()
    {
        await using var llm = ScriptedLlmServer.Start();

        llm.Origin.Should().StartWith("http://127.0.0.1:");
        llm.BaseUrl.Should().Be($"{llm.Origin}/v1");
        llm.Port.Should().BePositive();
    }

    [Test]
    public async Task Logs_requests_and_takes_queued_replies_in_order()
    {
        await using var llm = ScriptedLlmServer.Start();
        llm.Enqueue(ScriptedReply.Status(503), ScriptedReply.Text("scripted"));
        using var http = new HttpClient();
        const string Body = """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""";

        using var first = await Post(http, $"{llm.BaseUrl}/messages", Body);
        using var second = await Post(http, $"{llm.BaseUrl}/messages", Body);
        using var third = await Post(http, $"{llm.BaseUrl}/messages", Body);

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await second.Content.ReadAsStringAsync()).Should().Contain("\"text\":\"scripted\"");
        (await third.Content.ReadAsStringAsync()).Should().Contain("Fake final answer. Query was: 'hi'. Tools used in this turn: none.");
        llm.PendingReplies.Should().Be(0);
        var log = llm.Requests;
        log.Select(r => r.Reply.Kind).Should().Equal(ScriptedReplyKind.Status, ScriptedReplyKind.Text, ScriptedReplyKind.Default);
        log[0].Method.Should().Be("POST");
        log[0].Header("x-test").Should().Be("yes");
        log[0].Json!["model"]!.GetValue<string>().Should().Be("m");
    }

    [Test]
    public async Task Unknown_route_is_404_and_does_not_take_a_reply()
    {
        await using var llm = ScriptedLlmServer.Start();
        llm.Enqueue(ScriptedReply.Status(500));
        using var http = new HttpClient();

        using var response = await Post(http, $"{llm.Origin}/v2/elsewhere", "{}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        llm.PendingReplies.Should().Be(1);
        llm.Requests.Single().Api.Should().BeNull();
    }

    [Test]
    public async Task Retry_after_is_sent_in_seconds_and_milliseconds()
    {
        await using var llm = ScriptedLlmServer.Start();
        llm.Enqueue(ScriptedReply.Status(429, TimeSpan.FromMilliseconds(1500)));
        using var http = new HttpClient();

        using var response = await Post(http, $"{llm.BaseUrl}/chat/completions", """{"model":"m","messages":[]}""");

        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        response.Headers.GetValues("retry-after-ms").Should().Equal("1500");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\"");
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string url, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-test", "yes");
        return await http.SendAsync(request);
    }
}
