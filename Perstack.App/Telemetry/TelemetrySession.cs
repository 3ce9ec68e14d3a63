using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Perstack.Core.Telemetry;

namespace Perstack.App.Telemetry;

/// <summary>
/// The OpenTelemetry SDK for one command: traces and metrics of <see cref="RuntimeTelemetry.SourceName"/> (the runtime's
/// spans and Microsoft.Extensions.AI's model-call spans) sent by the OTLP exporter, which reads the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables itself (endpoint, protocol, headers, timeout). Off unless
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or its traces/metrics variant) is set or <c>--otel</c> is given;
/// <c>OTEL_SDK_DISABLED=true</c> wins over both. Disposing it flushes what is pending, so spans reach the backend
/// before the process exits — after a run, an error or Ctrl+C alike.
/// </summary>
internal sealed class TelemetrySession : IDisposable
{
    /// <summary>How long the exit may wait for the backend: a collector that is down must not hold the terminal.</summary>
    private const int FlushTimeoutMs = 5_000;

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private TelemetrySession(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    /// <summary>Whether telemetry is asked for: the flag, or an OTLP endpoint in the environment.</summary>
    public static bool IsRequested(bool flag, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return flag
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
    }

    /// <summary>Starts the SDK when asked for; null otherwise (then no SDK type is even loaded).</summary>
    public static TelemetrySession? StartIfRequested(bool flag, Func<string, string?> environment) =>
        IsRequested(flag, environment) ? Start(environment) : null;

    /// <summary>Whether model calls may export their messages (the GenAI conventions' opt-in; off by default).</summary>
    public static bool CapturesContent(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Equals(environment("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase);
    }

    // Not inlined: the SDK's assemblies load only when telemetry is on, which keeps them off every other start.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TelemetrySession Start(Func<string, string?> environment)
    {
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(environment("OTEL_SERVICE_NAME")))
        {
            resource.AddService("perstack", serviceVersion: typeof(TelemetrySession).Assembly.GetName().Version?.ToString(3));
        }

        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(RuntimeTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(RuntimeTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        return new TelemetrySession(tracing, metrics);
    }

    /// <summary>Flushes and stops both providers (bounded by <see cref="FlushTimeoutMs"/> each).</summary>
    public void Dispose()
    {
        _tracing.Shutdown(FlushTimeoutMs);
        _metrics.Shutdown(FlushTimeoutMs);
        _tracing.Dispose();
        _metrics.Dispose();
    }
}
