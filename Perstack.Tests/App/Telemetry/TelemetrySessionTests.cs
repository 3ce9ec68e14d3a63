using FluentAssertions;
using Perstack.App.Telemetry;

namespace Perstack.Tests.App.Telemetry;

public sealed class TelemetrySessionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void Telemetry_is_off_by_default() => TelemetrySession.IsRequested(false, Env()).Should().BeFalse();

    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [TestCase("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    [TestCase("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")]
    public void An_otlp_endpoint_turns_it_on(string variable) =>
        TelemetrySession.IsRequested(false, Env((variable, "http://127.0.0.1:4318"))).Should().BeTrue();

    [Test]
    public void The_flag_turns_it_on() => TelemetrySession.IsRequested(true, Env()).Should().BeTrue();

    [Test]
    public void Otel_sdk_disabled_wins() =>
        TelemetrySession.IsRequested(true, Env(("OTEL_SDK_DISABLED", "TRUE"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x"))).Should().BeFalse();

    [TestCase(null, false)]
    [TestCase("false", false)]
    [TestCase("true", true)]
    public void Message_content_is_captured_only_on_opt_in(string? value, bool captured) =>
        TelemetrySession.CapturesContent(Env(("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", value!))).Should().Be(captured);
}
