using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Runs;
using Perstack.Core.Secrets;

namespace Perstack.Core.Runtime;

/// <summary>One invocation of a job: a new job, or a continuation from a stored checkpoint.</summary>
public sealed record JobRunRequest
{
    /// <summary>The job (new, or the continued checkpoint's).</summary>
    public required JobId JobId { get; init; }

    /// <summary>The expert asked.</summary>
    public required ExpertKey ExpertKey { get; init; }

    /// <summary>The query or interactive answer.</summary>
    public required RunInput Input { get; init; }

    /// <summary>The stored checkpoint to continue from; null for a new job.</summary>
    public Checkpoint? ContinueFrom { get; init; }

    /// <summary>Every configured expert, by key.</summary>
    public required IReadOnlyDictionary<string, Expert> Experts { get; init; }

    /// <summary>The provider, model and generation settings (recorded in every run setting).</summary>
    public required ModelSettings Model { get; init; }

    /// <summary>Provider as recorded (no credentials).</summary>
    public required ProviderConfig Provider { get; init; }

    /// <summary>The job's step, delegation-depth and tool-call bounds.</summary>
    public RunLimits Limits { get; init; } = new();

    /// <summary>The Perstack API base URL recorded in run settings.</summary>
    public string PerstackApiBaseUrl { get; init; } = RunSetting.DefaultPerstackApiBaseUrl;

    /// <summary>Whether the run prints progress (recorded in run settings).</summary>
    public bool Verbose { get; init; }

    /// <summary>Names of the environment variables the run could see (never values).</summary>
    public IReadOnlyList<string> EnvNames { get; init; } = [];

    /// <summary>
    /// The run's known secrets (provider keys, <c>requiredEnv</c> and .env values): every tool result, model reply,
    /// input and error passes through it before it is stored, printed or sent back to the model.
    /// </summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <summary>
    /// Whether tool arguments and results go on the <c>execute_tool</c> spans (the user opted in to content capture,
    /// <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>); redacted with <see cref="Secrets"/> even then.
    /// </summary>
    public bool TelemetryCapturesContent { get; init; }

    /// <summary>The workspace.</summary>
    public required string WorkingDirectory { get; init; }
}
