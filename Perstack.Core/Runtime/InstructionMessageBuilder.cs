using System.Globalization;
using System.Text;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Messages;

namespace Perstack.Core.Runtime;

/// <summary>Builds the system prompt exactly as the reference runtime words it (built once, when a run starts fresh).</summary>
internal static class InstructionMessageBuilder
{
    // The reference's meta-prompt, verbatim (packages/runtime at 7cb873b).
    private const string MetaPrompt = "You are Perstack, an AI expert that tackles tasks requested by users by utilizing all available tools.\n\n(The following information describes your nature and role as an AI, the mechanisms of the AI system, and other meta-cognitive aspects.)\n\nIMPORTANT:\nBased on the user's initial message, you must determine what needs to be done.\nYou must iterate through hypothesis and verification to fulfill the task.\nYOU MUST CONTINUE TO CALL TOOLS UNTIL THE TASK IS COMPLETE.\nIf you do not call tools, the task will be considered complete, and the agent loop will end.\n\nYou operate in an agent loop, iteratively completing tasks through these steps:\n1. Analyze Events: Understand user needs and current state through the event stream, focusing on the latest user messages and execution results\n2. Select Tools: Choose the next tool call based on current state, task planning, relevant knowledge, and available data APIs\n3. Wait for Execution: The selected tool action will be executed by the sandbox environment with new observations added to the event stream\n4. Iterate: Choose only one tool call per iteration, patiently repeat the above steps until task completion\n5. Notify Task Completion: Call the attemptCompletion tool to inform the user when the task is complete\n6. Generate Final Results: Produce a final result that clearly describes each task you performed, step by step\n\nConditions for ending the agent loop:\nIf any of the following apply, **immediately call the attemptCompletion tool**.\nWhen the agent loop must end, calling any tool other than attemptCompletion is highly dangerous.\nUnder all circumstances, strictly follow this rule.\n- When the task is complete\n- When the user's request is outside your expertise\n- When the user's request is unintelligible\n\nRules for requests outside your area of expertise:\n- Tell your area of expertise to the user in final results\n\n";

    /// <summary>The instruction message (cached) for <paramref name="expert"/>.</summary>
    public static InstructionMessage Build(Expert expert, IEnumerable<Expert> delegates, DateTimeOffset startedAt, string workingDirectory)
    {
        var text = new StringBuilder(MetaPrompt);
        text.Append("Environment information:\n");
        text.Append("- Current time is ").Append(startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("- Current working directory is ").Append(workingDirectory).Append("\n\n");
        text.Append("---\n(The following describes the objective, steps, rules, etc. regarding your expert task.)\n\n");
        text.Append(expert.Instruction).Append("\n\n");
        text.Append("---\n(The following is an overview of each skill and the rules for calling tools.)\n\n");
        text.Append(string.Join("\n\n", expert.Skills.Values.Where(s => !string.IsNullOrEmpty(s.Rule)).Select(s => $"\"{s.Name}\" skill rules:\n{s.Rule}")));
        text.Append("\n\n");
        text.Append("---\n(The following is an overview of each delegate expert and the rules for calling tools.)\n\n");
        text.Append("You can delegate tasks to the following experts by calling delegate expert name as a tool:\n\n");
        text.Append(string.Join("\n\n", delegates.Select(d => $"About \"{d.Name}\":\n{d.Description}")));
        return new InstructionMessage
        {
            Id = IdGenerator.Next(),
            Contents = [new TextPart { Id = IdGenerator.Next(), Text = text.ToString() }],
            Cache = true,
        };
    }
}
