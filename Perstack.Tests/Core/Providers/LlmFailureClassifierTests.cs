using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Providers;

namespace Perstack.Tests.Core.Providers;

/// <summary>How <see cref="LlmFailureClassifier"/> names failures and decides whether they are retryable.</summary>
[TestFixture]
public sealed class LlmFailureClassifierTests
{
    [TestCase(408, true)]
    [TestCase(409, true)]
    [TestCase(429, true)]
    [TestCase(500, true)]
    [TestCase(502, true)]
    [TestCase(503, true)]
    [TestCase(504, true)]
    [TestCase(529, true)]
    [TestCase(400, false)]
    [TestCase(401, false)]
    [TestCase(403, false)]
    [TestCase(404, false)]
    [TestCase(413, false)]
    public void Captured_status_decides(int status, bool retryable)
    {
        var failure = LlmFailureClassifier.Classify(new InvalidOperationException("sdk"), new HttpResponseSnapshot(status, null, null, null));

        failure.Name.Should().Be("APICallError");
        failure.StatusCode.Should().Be(status);
        failure.IsRetryable.Should().Be(retryable);
    }

    [Test]
    public void Message_is_status_reason_and_api_message()
    {
        var failure = LlmFailureClassifier.Classify(new InvalidOperationException(), new HttpResponseSnapshot(503, "Service Unavailable", TimeSpan.FromSeconds(2), "try later"));

        failure.Message.Should().Be("503 Service Unavailable: try later");
        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void Missing_reason_phrase_uses_the_standard_one_and_repeated_api_message_is_dropped()
    {
        var failure = LlmFailureClassifier.Classify(new InvalidOperationException(), new HttpResponseSnapshot(500, null, null, "internal server error"));

        failure.Message.Should().Be("500 Internal Server Error");
    }

    [Test]
    public void Connection_failures_without_status_are_retryable()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

        var failure = LlmFailureClassifier.Classify(refused, null);

        failure.Should().Be(new LlmFailure("APICallError", $"Cannot connect to API: {new SocketException((int)SocketError.ConnectionRefused).Message}", null, true));
    }

    [Test]
    public void Status_on_the_http_exception_is_used_when_nothing_was_captured()
    {
        var failure = LlmFailureClassifier.Classify(new HttpRequestException("x", null, HttpStatusCode.TooManyRequests), null);

        failure.StatusCode.Should().Be(429);
        failure.IsRetryable.Should().BeTrue();
        failure.Message.Should().Be("429 Too Many Requests");
    }

    [Test]
    public void Timeouts_are_timeout_errors()
    {
        LlmFailureClassifier.Classify(new LlmTimeoutException(TimeSpan.FromSeconds(3)), null)
            .Should().Be(new LlmFailure("TimeoutError", "The LLM call timed out after 3000 ms", null, true));
        LlmFailureClassifier.Classify(new TaskCanceledException("cancelled", new TimeoutException("The request timed out")), null)
            .Name.Should().Be("TimeoutError");
    }

    [Test]
    public void Json_errors_are_invalid_response_data()
    {
        var failure = LlmFailureClassifier.Classify(new JsonException("bad json"), null);

        failure.Should().Be(new LlmFailure("InvalidResponseDataError", "Invalid response from API: bad json", null, false));
    }

    [Test]
    public void Any_failure_after_a_successful_response_is_invalid_response_data()
    {
        var failure = LlmFailureClassifier.Classify(new KeyNotFoundException("missing field"), new HttpResponseSnapshot(200, "OK", null, null));

        failure.Name.Should().Be("InvalidResponseDataError");
        failure.IsRetryable.Should().BeFalse();
    }

    [Test]
    public void Unexpected_exceptions_are_not_retried()
    {
        var failure = LlmFailureClassifier.Classify(new ArgumentException("bad tool schema"), null);

        failure.Should().Be(new LlmFailure("ArgumentException", "bad tool schema", null, false));
    }

    [Test]
    public void A_final_failure_inside_passes_through()
    {
        var inner = new LlmCallFailedException("LoadAPIKeyError", "no credentials", null, false, 1);

        var failure = LlmFailureClassifier.Classify(new HttpRequestException("wrapped", inner), null);

        failure.Should().Be(new LlmFailure("LoadAPIKeyError", "no credentials", null, false));
    }

    [Test]
    public void Other_perstack_errors_are_not_retried()
    {
        LlmFailureClassifier.Classify(new PerstackException("line one\nline two"), null)
            .Should().Be(new LlmFailure("APICallError", "line one line two", null, false));
    }

    [Test]
    public void Custom_classifier_result_gets_the_captured_retry_after()
    {
        var captured = new HttpResponseSnapshot(429, null, TimeSpan.FromSeconds(4), null);

        var failure = LlmFailureClassifier.Classify(new InvalidOperationException(), captured, _ => new LlmFailure("APICallError", "429 slow", 429, true));

        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(4));
    }
}
