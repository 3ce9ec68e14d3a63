using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Storage;

namespace Perstack.Core.Json;

/// <summary>The two JSON shapes Perstack writes (compact and 2-space indented) over one source-generated contract.</summary>
public static class PerstackJson
{
    // Type infos are configured on first use: configuring all of them up front cost ~160 ms per process start.
    private static JsonTypeInfo<Job>? s_jobIndented;
    private static JsonTypeInfo<List<Job>>? s_jobListIndented;
    private static JsonTypeInfo<Checkpoint>? s_checkpoint;
    private static JsonTypeInfo<RunEvent>? s_runEvent;
    private static JsonTypeInfo<RuntimeEvent>? s_runtimeEvent;
    private static JsonTypeInfo<RunSetting>? s_runSetting;

    /// <summary>Compact output: checkpoints, events, run settings, NDJSON lines.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Indented output: <c>job.json</c> and human-facing JSON.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Type info for <see cref="Job"/> (indented, as <c>job.json</c> is written).</summary>
    public static JsonTypeInfo<Job> JobIndented => s_jobIndented ??= (JsonTypeInfo<Job>)Indented.GetTypeInfo(typeof(Job));

    /// <summary>Type info for <see cref="Job"/> lists (indented).</summary>
    public static JsonTypeInfo<List<Job>> JobListIndented => s_jobListIndented ??= (JsonTypeInfo<List<Job>>)Indented.GetTypeInfo(typeof(List<Job>));

    /// <summary>Type info for <see cref="Checkpoint"/>.</summary>
    public static JsonTypeInfo<Checkpoint> Checkpoint => s_checkpoint ??= (JsonTypeInfo<Checkpoint>)Compact.GetTypeInfo(typeof(Checkpoint));

    /// <summary>Type info for <see cref="RunEvent"/>.</summary>
    public static JsonTypeInfo<RunEvent> RunEvent => s_runEvent ??= (JsonTypeInfo<RunEvent>)Compact.GetTypeInfo(typeof(RunEvent));

    /// <summary>Type info for <see cref="RuntimeEvent"/>.</summary>
    public static JsonTypeInfo<RuntimeEvent> RuntimeEvent => s_runtimeEvent ??= (JsonTypeInfo<RuntimeEvent>)Compact.GetTypeInfo(typeof(RuntimeEvent));

    /// <summary>Type info for <see cref="RunSetting"/>.</summary>
    public static JsonTypeInfo<RunSetting> RunSetting => s_runSetting ??= (JsonTypeInfo<RunSetting>)Compact.GetTypeInfo(typeof(RunSetting));

    /// <summary>
    /// Deserializes <paramref name="utf8"/>; returns null and the reason when the bytes are not a valid
    /// <typeparamref name="T"/> (bad JSON, wrong types, missing required fields, unknown discriminators).
    /// </summary>
    public static T? TryDeserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo, out string? problem)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (utf8.IsEmpty)
        {
            problem = "the file is empty";
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(utf8, typeInfo);
            problem = value is null ? "the file holds null" : null;
            return value;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            problem = Describe(e);
            return null;
        }
    }

    /// <summary>A one-line reason for a JSON failure.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message.ReplaceLineEndings(" ");
        return exception is JsonException { LineNumber: { } line, BytePositionInLine: { } column } && !message.Contains("LineNumber", StringComparison.Ordinal)
            ? $"{message} (line {line + 1}, byte {column + 1})"
            : message;
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(PerstackJsonContext.Default.Options)
        {
            WriteIndented = indented,
            // JSON.stringify(x, null, 2) always breaks lines with \n; the default would be \r\n on Windows.
            NewLine = "\n",
            // JSON.stringify leaves non-ASCII text as it is; so do we, so files stay readable and comparable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
