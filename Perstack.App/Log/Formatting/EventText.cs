using Perstack.App.Output;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;

namespace Perstack.App.Log.Formatting;

/// <summary>The terminal rendering of one event: <c>[Step n] type HH:MM:SS</c> (UTC) and its detail lines.</summary>
internal static class EventText
{
    /// <summary>The header line, the type padded to 24 characters.</summary>
    public static string Header(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        return $"[Step {runEvent.StepNumber}] {runEvent.Type,-24} {TimeFormat.UtcClock(runEvent.Timestamp)}";
    }

    /// <summary>The detail lines (indented), none for events without a payload worth a line.</summary>
    public static IEnumerable<string> Details(RunEvent runEvent, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        switch (runEvent)
        {
            case StartRunEvent start when start.InputMessages.OfType<UserMessage>().FirstOrDefault() is { } query:
                yield return $"  Query: \"{TextPreview.Cut(TextPreview.FirstText(query.Contents), 60)}\"";
                break;
            case CallToolsEvent tools when verbose:
                foreach (var call in tools.ToolCalls)
                {
                    yield return $"  [{call.SkillName}] {call.ToolName}";
                    yield return $"    Args: {call.Args.GetRawText()}";
                }

                break;
            case CallToolsEvent tools:
                yield return $"  Tools: {string.Join(", ", tools.ToolCalls.Select(c => c.ToolName))}";
                break;
            case CallInteractiveToolEvent interactive:
                yield return $"  Interactive: {interactive.ToolCall.ToolName}";
                break;
            case ResolveToolResultsEvent results:
                foreach (var result in results.ToolResults)
                {
                    var text = TextPreview.FirstText(result.Result);
                    var mark = text.StartsWith("error", StringComparison.OrdinalIgnoreCase) ? "✗" : "✓";
                    yield return $"  {mark} {result.ToolName}: {TextPreview.Cut(text, 40)}";
                }

                break;
            case StopRunByErrorEvent error:
                yield return $"  Error: {error.Error.Name}";
                yield return $"  Message: {TextPreview.Cut(error.Error.Message, 200)}";
                yield return $"  Retryable: {(error.Error.IsRetryable ? "true" : "false")}";
                break;
            case CallDelegateEvent call:
                yield return $"  Delegate to: {call.ToolCall.ToolName}";
                break;
            case StopRunByDelegateEvent stop when stop.Checkpoint.DelegateTo is { Count: > 0 } targets:
                yield return $"  Delegate to: {string.Join(", ", targets.Select(t => t.Expert.Key))}";
                break;
            case CompleteRunEvent complete:
                yield return $"  Result: {TextPreview.Cut(complete.Text, 80)}";
                break;
            case RetryEvent retry:
                yield return $"  Reason: {TextPreview.Cut(retry.Reason, 200)}";
                break;
            default:
                break;
        }
    }
}
