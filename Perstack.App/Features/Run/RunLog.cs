using Microsoft.Extensions.Logging;

namespace Perstack.App.Features.Run;

/// <summary>The run's lines in the log file (source-generated: no formatting unless the level is on). Ids and counts, never content.</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run of {Expert} starting: {Provider}/{Model}, {Start}")]
    public static partial void Starting(this ILogger logger, string expert, string provider, string model, string start);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Run of {Expert} stopped: job {JobId}, checkpoint {CheckpointId}, status {Status}, step {Step}, {InputTokens} input and {OutputTokens} output tokens")]
    public static partial void Stopped(this ILogger logger, string expert, string jobId, string checkpointId, string status, long step, long inputTokens, long outputTokens);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Run of {Expert} cancelled: job {JobId}")]
    public static partial void Cancelled(this ILogger logger, string expert, string? jobId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Run of {Expert} failed: job {JobId}")]
    public static partial void Failed(this ILogger logger, Exception exception, string expert, string? jobId);
}
