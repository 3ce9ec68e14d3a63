using System.Text.Json;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>clearTodo</c>: empties the todo list.</summary>
internal sealed class ClearTodoTool(BaseSkillContext context) : BaseTool(context, "clearTodo", Description, Schema)
{
    private const string Description = """
        Clears the todo list.

        Use cases:
        - Resetting the todo list to an empty state
        - Starting over with a new plan
        - Dropping tasks that no longer apply

        How it works:
        - Removes every todo and restarts ids at 0
        - Returns the empty list
        """;

    private const string Schema = """{"type":"object","properties":{},"additionalProperties":false}""";

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        Context.State.ClearTodos();
        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WritePropertyName("todos");
            writer.WriteStartArray();
            writer.WriteEndArray();
        }));
    }
}
