using System.Text.Json;
using Perstack.Core.Domain.Messages;

namespace Perstack.Skills.Base;

/// <summary><c>attemptCompletion</c>: ends the expert's work unless todos are still open.</summary>
internal sealed class CompletionTool(BaseSkillContext context) : BaseTool(context, "attemptCompletion", Description, Schema)
{
    private const string Description = """
        Signals that the task is complete, after checking the todo list.

        Use cases:
        - Telling the Perstack runtime that you have finished the task
        - Making sure no todo was forgotten before ending
        - Ending the current expert's work cycle

        How it works:
        - Looks at the current todo list
        - If some todos are not completed: returns them as "remainingTodos" and the work continues
        - If every todo is completed (or there are none): returns an empty object and the work ends

        Notes:
        - Mark every todo as completed (todo tool) before calling this
        - Use clearTodo to drop the list and start over
        - Write your final answer to the user as text in the same response
        """;

    private const string Schema = """{"type":"object","properties":{},"additionalProperties":false}""";

    public override Task<IReadOnlyList<MessagePart>> ExecuteAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var remaining = Context.State.RemainingTodos();
        return Task.FromResult(ToolParts.Success(writer =>
        {
            if (remaining.Count > 0)
            {
                writer.WritePropertyName("remainingTodos");
                TodoTool.WriteTodos(writer, remaining);
            }
        }));
    }
}
