namespace Perstack.Core.Runs;

/// <summary>
/// The bounds of a job, shared by every pass of one invocation: steps in total, delegation depth and one tool call's
/// duration. The defaults applied when neither the command line nor perstack.toml sets a value are written here and
/// nowhere else.
/// </summary>
public sealed record RunLimits
{
    /// <summary>The job step limit when neither <c>--max-steps</c> nor perstack.toml sets one (today's reference's default).</summary>
    public const long DefaultMaxSteps = 100;

    /// <summary>How deeply delegates may nest when neither <c>--max-delegation-depth</c> nor perstack.toml says.</summary>
    public const int DefaultMaxDelegationDepth = 10;

    /// <summary>The longest a tool call may take, ms, when neither <c>--tool-timeout</c> nor perstack.toml says.</summary>
    public const long DefaultToolTimeoutMs = 60_000;

    /// <summary><see cref="DefaultToolTimeoutMs"/> as a duration.</summary>
    public static TimeSpan DefaultToolTimeout => TimeSpan.FromMilliseconds(DefaultToolTimeoutMs);

    /// <summary>Job step limit; null means none (the run's edge always sets one).</summary>
    public long? MaxSteps { get; init; }

    /// <summary>How deeply delegates may nest (the job's first expert is depth 0); a deeper delegation stops the job.</summary>
    public int MaxDelegationDepth { get; init; } = DefaultMaxDelegationDepth;

    /// <summary>The longest one tool call may take (an <c>exec</c> call's own <c>timeout</c> may be longer).</summary>
    public TimeSpan ToolTimeout { get; init; } = DefaultToolTimeout;
}
