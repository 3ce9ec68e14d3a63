using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;

namespace Perstack.App.Tui.Execution;

/// <summary>
/// The rows of the activity log built from run events: one row per action; a tool's row is completed when its
/// result arrives; a delegated run's rows are indented under a <c>[child] Delegated by [parent]</c> header.
/// </summary>
internal sealed class ActivityLog
{
    private readonly List<ActivityRow> _rows = [];
    private readonly Dictionary<string, ActivityRow> _toolRows = [];
    private readonly Dictionary<RunId, int> _depths = [];

    public IReadOnlyList<ActivityRow> Rows => _rows;

    public void Clear()
    {
        _rows.Clear();
        _toolRows.Clear();
        _depths.Clear();
    }

    public void Add(ActivityRow row) => _rows.Add(row);

    private int DepthOf(RunId runId) => _depths.TryGetValue(runId, out var depth) ? depth : 0;

    /// <summary>Adds or completes the rows <paramref name="runEvent"/> stands for.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        int depth = DepthOf(runEvent.RunId);
        switch (runEvent)
        {
            case StartRunEvent e:
                if (e.InitialCheckpoint.DelegatedBy is { } by)
                {
                    depth = (by.RunId is { } parentRun ? DepthOf(parentRun) : 0) + 1;
                    _depths[e.RunId] = depth;
                    Add(new ActivityRow(ActivityKind.Delegation, depth - 1, $"[{e.ExpertKey}] Delegated by [{by.Expert.Key}]"));
                }
                else
                {
                    _depths[e.RunId] = depth;
                }

                break;
            case CallToolsEvent e:
                foreach (var call in e.ToolCalls)
                {
                    var row = new ActivityRow(ActivityKind.Tool, depth, $"● {call.ToolName} {Short(call.Args.GetRawText(), 80)}");
                    _toolRows[call.Id] = row;
                    Add(row);
                }

                break;
            case CallDelegateEvent e:
                Add(new ActivityRow(ActivityKind.Delegation, depth, $"→ {e.ToolCall.ToolName} {Short(e.ToolCall.Args.GetRawText(), 80)}"));
                break;
            case CallInteractiveToolEvent e:
                Add(new ActivityRow(ActivityKind.Interactive, depth, $"? Interactive: {e.ToolCall.ToolName} {Short(e.ToolCall.Args.GetRawText(), 80)}"));
                break;
            case ResolveToolResultsEvent e:
                foreach (var result in e.ToolResults)
                {
                    var text = Short(FirstText(result.Result), 80);
                    if (_toolRows.TryGetValue(result.Id, out var row))
                    {
                        row.Text = $"{row.Text} → {text}";
                    }
                    else
                    {
                        Add(new ActivityRow(ActivityKind.Tool, depth, $"● {result.ToolName} → {text}"));
                    }
                }

                break;
            case RetryEvent e:
                Add(new ActivityRow(ActivityKind.Retry, depth, $"↻ Retry: {Short(e.Reason, 100)}"));
                break;
            case StopRunByErrorEvent e:
                Add(new ActivityRow(ActivityKind.Error, depth, $"✗ {e.Error.Name}: {Short(e.Error.Message, 120)}"));
                break;
            case CompleteRunEvent e:
                Add(new ActivityRow(ActivityKind.Result, depth, depth > 0 ? $"✓ Delegation Complete: {Short(e.Text, 100)}" : $"✓ Run Results: {Short(e.Text, 200)}"));
                break;
            case StopRunByInteractiveToolEvent:
                Add(new ActivityRow(ActivityKind.Interactive, depth, "■ Stopped: waiting for an answer"));
                break;
            case StopRunByExceededMaxStepsEvent:
                Add(new ActivityRow(ActivityKind.Info, depth, "■ Stopped: max steps reached"));
                break;
        }
    }

    private static string FirstText(IReadOnlyList<MessagePart> parts) =>
        parts.OfType<TextPart>().Select(p => p.Text).FirstOrDefault() ?? "";

    /// <summary>The text on one line, cut to <paramref name="max"/> characters.</summary>
    public static string Short(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + "…";
    }
}
