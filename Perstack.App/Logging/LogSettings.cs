using Microsoft.Extensions.Logging;
using Perstack.Core.Domain;

namespace Perstack.App.Logging;

/// <summary>The log file's level, from <c>PERSTACK_LOG_LEVEL</c>, and the logger factory writing it.</summary>
internal static class LogSettings
{
    /// <summary>The variable naming the level.</summary>
    public const string LevelVariable = "PERSTACK_LOG_LEVEL";

    /// <summary>The level when the variable is not set: what a run did and what went wrong, not each message.</summary>
    public const LogLevel DefaultLevel = LogLevel.Information;

    private static readonly string[] Names = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    /// <summary>The level <c>PERSTACK_LOG_LEVEL</c> names (any case; <c>info</c>, <c>warn</c> and <c>off</c> too).</summary>
    /// <exception cref="PerstackException">It names none.</exception>
    public static LogLevel Level(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(LevelVariable)?.Trim().ToLowerInvariant();
        return value switch
        {
            null or "" => DefaultLevel,
            "info" => LogLevel.Information,
            "warn" => LogLevel.Warning,
            "off" => LogLevel.None,
            _ when Array.IndexOf(Names, value) is >= 0 and var index => (LogLevel)index,
            _ => throw new PerstackException($"{LevelVariable} must be one of {string.Join(", ", Names)} (got \"{environment(LevelVariable)}\")"),
        };
    }

    /// <summary>A factory writing to <c>perstack.log</c> in <paramref name="folder"/> (null: no state folder, nothing is logged).</summary>
    // Made directly rather than with LoggerFactory.Create, which builds a service container of its own and resolves the
    // logging options' open generic types through it: in the Native AOT binary those types are built at run time, ~15 ms
    // of every command that runs an expert or opens the workbench. The same factory: one provider, one minimum level.
    public static ILoggerFactory CreateFactory(string? folder, LogLevel level, LogRedaction redaction) => new LoggerFactory(
        folder is not null && level != LogLevel.None ? [new RotatingFileLoggerProvider(folder, redaction)] : [],
        new LoggerFilterOptions { MinLevel = level });
}
