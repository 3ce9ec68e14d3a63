using System.Text.Json;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>todo</c>: adds todos and marks them completed.</summary>
internal sealed class TodoTool(BaseSkillContext context) : BaseTool(context, "todo", Description, Schema)
{
    private const string Description = """
        Todo list manager that tracks tasks and whether they are done.

        Use cases:
        - Writing down the tasks or action items of your plan
        - Marking tasks as completed
        - Looking at the current list and its status

        How it works:
        - Each new todo gets a unique numeric id (0, 1, 2, …); ids are never reused until clearTodo
        - Returns the whole list after every call
        - The list is kept across calls; attemptCompletion refuses to finish while todos are open

        Parameters:
        - newTodos: descriptions of tasks to add
        - completedTodos: ids of todos to mark as completed
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "newTodos": { "type": "array", "items": { "type": "string" }, "description": "New todos to add" },
            "completedTodos": { "type": "array", "items": { "type": "number" }, "description": "Todo ids that are completed" }
          },
          "additionalProperties": false
        }
        """;

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var newTodos = arguments.OptionalStringArray("newTodos");
        var completedTodos = arguments.OptionalIntegerArray("completedTodos");
        var todos = Context.State.UpdateTodos(newTodos, completedTodos);
        return Task.FromResult(ToolParts.Success(writer =>
        {
            writer.WritePropertyName("todos");
            WriteTodos(writer, todos);
        }));
    }

    /// <summary>Writes <c>[{id,title,completed}, …]</c>.</summary>
    internal static void WriteTodos(Utf8JsonWriter writer, IReadOnlyList<TodoItem> todos)
    {
        writer.WriteStartArray();
        foreach (var todo in todos)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", todo.Id);
            writer.WriteString("title", todo.Title);
            writer.WriteBoolean("completed", todo.Completed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
