using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>healthCheck</c>: status, workspace, uptime, memory and pid of the skill's process.</summary>
internal sealed class HealthCheckTool(BaseSkillContext context) : BaseTool(context, "healthCheck", Description, Schema)
{
    private const string Description = """
        Returns the base skill's health status and diagnostics.

        Use cases:
        - Checking that the skill is running and responsive
        - Checking which workspace the file tools work in
        - Looking at uptime and memory use

        How it works:
        - Returns status, workspace path, uptime and memory usage
        - The status is always "ok" when the skill can answer

        Notes:
        - A diagnostic tool for the skill itself; it does not read or change files
        """;

    private const string Schema = """{"type":"object","properties":{},"additionalProperties":false}""";

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var uptime = Context.Options.TimeProvider.GetElapsedTime(Context.StartTimestamp);
        const long Megabyte = 1024 * 1024;
        long heapUsed = GC.GetTotalMemory(forceFullCollection: false);
        long heapTotal = Math.Max(GC.GetGCMemoryInfo().TotalCommittedBytes, heapUsed);
        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WriteString("status", "ok");
            writer.WriteString("workspace", Guard.Workspace);
            writer.WriteString("uptime", $"{(long)Math.Floor(uptime.TotalSeconds)}s");
            writer.WriteStartObject("memory");
            writer.WriteString("heapUsed", $"{(long)Math.Round((double)heapUsed / Megabyte)}MB");
            writer.WriteString("heapTotal", $"{(long)Math.Round((double)heapTotal / Megabyte)}MB");
            writer.WriteEndObject();
            writer.WriteNumber("pid", Environment.ProcessId);
        }));
    }
}
