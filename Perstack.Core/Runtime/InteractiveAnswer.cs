using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Runs;

namespace Perstack.Core.Runtime;

/// <summary>
/// Turns the query of <c>-i</c> into the answer of the checkpoint's pending interactive call, or, on a checkpoint
/// stopped to delegate, into the delegate's answer (the reference takes it so: the parent goes on with the text as
/// the delegate's tool result, and the delegate does not run).
/// </summary>
public static class InteractiveAnswer
{
    /// <summary>
    /// The answer to the first pending call (not the first tool call of the last message, which the reference
    /// got wrong when MCP and interactive calls were mixed), or to the call named by a JSON query
    /// <c>{"toolCallId":…,"toolName":…,"text":…}</c>.
    /// </summary>
    public static InteractiveToolCallResult Resolve(Checkpoint checkpoint, string query)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(query);
        var pending = checkpoint.PendingToolCalls ?? [];
        if (checkpoint.Status == CheckpointStatus.StoppedByDelegate && checkpoint.DelegateTo is { Count: > 0 } targets)
        {
            // The delegations are what waits here; pending calls of the seed's checkpoints may be missing.
            pending = [.. targets.Select(t => pending.FirstOrDefault(c => c.Id == t.ToolCallId)
                ?? new ToolCall { Id = t.ToolCallId, SkillName = t.Expert.Key, ToolName = t.ToolName, Args = default })];
        }
        else if (checkpoint.Status != CheckpointStatus.StoppedByInteractiveTool)
        {
            pending = [];
        }

        if (TryParseExplicit(query) is { } explicitAnswer)
        {
            var call = pending.FirstOrDefault(c => c.Id == explicitAnswer.ToolCallId)
                ?? throw new PerstackException($"Tool call {explicitAnswer.ToolCallId} is not pending in checkpoint {checkpoint.Id}");
            return explicitAnswer with { ToolName = call.ToolName, SkillName = call.SkillName };
        }

        if (pending.Count == 0)
        {
            throw new PerstackException($"Checkpoint {checkpoint.Id} is not waiting for an interactive answer");
        }

        return new InteractiveToolCallResult { ToolCallId = pending[0].Id, ToolName = pending[0].ToolName, SkillName = pending[0].SkillName, Text = query };
    }

    private static InteractiveToolCallResult? TryParseExplicit(string query)
    {
        if (!query.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(query);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("toolCallId", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? new InteractiveToolCallResult
                {
                    ToolCallId = id.GetString()!,
                    ToolName = root.TryGetProperty("toolName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "",
                    Text = text.GetString()!,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
