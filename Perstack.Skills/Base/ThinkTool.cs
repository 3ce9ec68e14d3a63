using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>think</c>: records a reasoning step (a scratchpad with a counter).</summary>
internal sealed class ThinkTool(BaseSkillContext context) : BaseTool(context, "think", Description, Schema)
{
    private const string Description = """
        Sequential thinking tool: work a problem out step by step before acting.

        Use cases:
        - Breaking a complex problem into manageable steps
        - Developing a solution by iterative reasoning
        - Looking at a problem from several angles
        - Planning tasks that depend on each other

        How it works:
        - Records each thinking step in order
        - Keeps the history of thoughts
        - Returns how many thoughts were recorded and whether more are needed

        Parameters:
        - thought: your current reasoning step or analysis
        - nextThoughtNeeded: whether more thinking is needed (optional)

        Best practices:
        - Use several calls for longer chains of reasoning
        - Go from the overview to the details
        - Question your own conclusions and correct them
        - Set nextThoughtNeeded to false only when you are satisfied with the solution
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "thought": { "type": "string", "description": "Your current thinking step" },
            "nextThoughtNeeded": { "type": "boolean", "description": "true if you need more thinking, even if at what seemed like the end" }
          },
          "required": ["thought"],
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var thought = arguments.RequiredString("thought");
        var nextThoughtNeeded = arguments.OptionalBool("nextThoughtNeeded");
        int count = Context.State.RecordThought(thought, nextThoughtNeeded);
        return Task.FromResult(ToolParts.Success(writer =>
        {
            if (nextThoughtNeeded is { } next)
            {
                writer.WriteBoolean("nextThoughtNeeded", next);
            }

            writer.WriteNumber("thoughtHistoryLength", count);
        }));
    }
}
