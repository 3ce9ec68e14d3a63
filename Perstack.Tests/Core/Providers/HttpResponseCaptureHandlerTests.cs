using System.Net;
using System.Text;
using FluentAssertions;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Providers;

/// <summary>What <see cref="HttpResponseCaptureHandler"/> records from responses.</summary>
[TestFixture]
public sealed class HttpResponseCaptureHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Test]
    public void Retry_after_in_seconds()
    {
        using var response = Response(429, ("Retry-After", "3"));

        HttpResponseCaptureHandler.ReadRetryAfter(response, Now).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Test]
    public void Retry_after_ms_wins()
    {
        using var response = Response(429, ("Retry-After", "3"), ("retry-after-ms", "1500"));

        HttpResponseCaptureHandler.ReadRetryAfter(response, Now).Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Test]
    public void Retry_after_as_a_date()
    {
        using var response = Response(503, ("Retry-After", Now.AddSeconds(10).ToString("R")));

        HttpResponseCaptureHandler.ReadRetryAfter(response, Now).Should().Be(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void Retry_after_fraction_of_seconds()
    {
        using var response = Response(429, ("Retry-After", "0.5"));

        HttpResponseCaptureHandler.ReadRetryAfter(response, Now).Should().Be(TimeSpan.FromMilliseconds(500));
    }

    [Test]
    public void No_retry_after()
    {
        using var response = Response(500);

        HttpResponseCaptureHandler.ReadRetryAfter(response, Now).Should().BeNull();
    }

    [TestCase("""{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", "Internal server error")]
    [TestCase("""{"error":{"message":"Rate limit\nreached","type":"requests"}}""", "Rate limit reached")]
    [TestCase("""[{"error":{"code":503,"message":"The model is overloaded."}}]""", "The model is overloaded.")]
    [TestCase("""{"message":"plain"}""", "plain")]
    [TestCase("not json", null)]
    [TestCase("", null)]
    public void Api_message_from_error_bodies(string body, string? expected) =>
        HttpResponseCaptureHandler.ReadApiMessage(body).Should().Be(expected);

    [Test]
    public async Task Records_error_responses_and_leaves_the_body_readable()
    {
        const string Body = """{"error":{"message":"slow down"}}""";
        using var handler = new HttpResponseCaptureHandler(new StubHandler(() => Response(429, Body, ("Retry-After", "2"))));
        using var http = new HttpClient(handler);

        using var capture = HttpResponseCapture.Begin();
        using var response = await http.GetAsync(new Uri("http://127.0.0.1/"));

        capture.Last.Should().Be(new HttpResponseSnapshot(429, "Too Many Requests", TimeSpan.FromSeconds(2), "slow down"));
        (await response.Content.ReadAsStringAsync()).Should().Be(Body);
    }

    [Test]
    public async Task Records_nothing_without_an_open_capture()
    {
        using var handler = new HttpResponseCaptureHandler(new StubHandler(() => Response(500)));
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(new Uri("http://127.0.0.1/"));

        HttpResponseCapture.Current.Should().BeNull();
    }

    [Test]
    public void Disposing_a_capture_restores_the_previous_one()
    {
        using var outer = HttpResponseCapture.Begin();
        var inner = HttpResponseCapture.Begin();

        HttpResponseCapture.Current.Should().BeSameAs(inner);
        inner.Dispose();

        HttpResponseCapture.Current.Should().BeSameAs(outer);
    }

    private static HttpResponseMessage Response(int status, params (string Name, string Value)[] headers) => Response(status, string.Empty, headers);

    private static HttpResponseMessage Response(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private sealed class StubHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(respond());
    }
}
