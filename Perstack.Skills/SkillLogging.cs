using Microsoft.Extensions.Logging;

namespace Perstack.Skills;

/// <summary>Where a run's MCP skills log: the logger factory of the MCP client, and the folder keeping servers' stderr.</summary>
/// <param name="LoggerFactory">The MCP client's loggers.</param>
/// <param name="StderrFolder">Where stdio servers' stderr is kept per run (the user's state folder); null: not kept.</param>
public sealed record SkillLogging(ILoggerFactory LoggerFactory, string? StderrFolder);
