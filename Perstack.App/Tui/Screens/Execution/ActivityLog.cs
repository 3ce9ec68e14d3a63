using Perstack.App.Presentation;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>
/// The rows of the activity log built from run events: one row per action (a tool call, a delegation, a retry, an
/// error, the result), a tool's detail lines added under it when its result arrives. A delegated run's rows are
/// indented under a <c>[child] Delegated by [parent]</c> header and kept together, so parallel delegates do not mix.
/// </summary>
internal sealed class ActivityLog
{
    private readonly List<ActivityRow> _rows = [];
    private readonly Dictionary<string, (ActivityRow Row, ToolCall Call)> _calls = [];
    private readonly Dictionary<RunId, int> _depths = [];
    private readonly Dictionary<RunId, int> _retries = [];

    public IReadOnlyList<ActivityRow> Rows => _rows;

    /// <summary>The run's retry limit for a generation without a tool call (from its initialize event), once known.</summary>
    public long? MaxRetries { get; set; }

    public void Clear()
    {
        _rows.Clear();
        _calls.Clear();
        _depths.Clear();
        _retries.Clear();
    }

    /// <summary>Appends a row of no run (the query typed, a failure to start).</summary>
    public void Add(ActivityRow row) => _rows.Add(row);

    private int DepthOf(RunId runId) => _depths.TryGetValue(runId, out var depth) ? depth : 0;

    /// <summary>A model call's attempt failed and will be retried: what failed, attempt k of n, the wait.</summary>
    public void Apply(LiveStreamEvent retrying)
    {
        ArgumentNullException.ThrowIfNull(retrying);
        if (retrying.Retry is { } retry)
        {
            Place(new ActivityRow(ActivityKind.Retry, DepthOf(retrying.RunId), RetryFormat.Attempt(retry, retrying.Text), retrying.RunId));
        }
    }

    /// <summary>Adds or completes the rows <paramref name="runEvent"/> stands for.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var run = runEvent.RunId;
        int depth = DepthOf(run);
        switch (runEvent)
        {
            case StartRunEvent e when e.InitialCheckpoint.DelegatedBy is { } by:
                depth = (by.RunId is { } parentRun ? DepthOf(parentRun) : 0) + 1;
                _depths[run] = depth;
                Place(new ActivityRow(ActivityKind.Delegation, depth - 1, $"[{e.ExpertKey}] Delegated by [{by.Expert.Key}]", run));
                break;
            case CallToolsEvent e:
                _retries.Remove(run);
                PlaceThinking(e.NewMessage, depth, run);
                foreach (var call in e.ToolCalls)
                {
                    var row = new ActivityRow(ActivityKind.Pending, depth, ToolRowFormat.Header(call), run);
                    _calls[call.Id] = (row, call);
                    Place(row);
                }

                break;
            case CallDelegateEvent e:
                foreach (var call in e.Calls)
                {
                    Retitle(call, ActivityKind.Delegation, $"● {call.ToolName} {ToolRowFormat.Cut(call.Args.GetRawText(), 80)}", depth, run);
                }

                break;
            case CallInteractiveToolEvent e:
                Retitle(e.ToolCall, ActivityKind.Interactive, Asks(e.ToolCall), depth, run);
                break;
            case ResolveToolResultsEvent e:
                foreach (var result in e.ToolResults)
                {
                    Resolve(result, depth, run);
                }

                break;
            case RetryEvent e:
                int retry = _retries[run] = _retries.GetValueOrDefault(run) + 1;
                Place(new ActivityRow(ActivityKind.Retry, depth, RetryFormat.Generation(e.Reason, retry, MaxRetries), run));
                break;
            case StopRunByErrorEvent e:
                Place(new ActivityRow(ActivityKind.Error, depth, $"✗ {e.Error.Name}: {ToolRowFormat.Cut(e.Error.Message, 120)}", run));
                break;
            case CompleteRunEvent e:
                AcceptCompletion(run);
                if (e.Checkpoint.Messages.Count > 0)
                {
                    PlaceThinking(e.Checkpoint.Messages[^1], depth, run);
                }

                Place(new ActivityRow(ActivityKind.Result, depth, depth > 0 ? $"✓ Delegation Complete: {ToolRowFormat.Cut(e.Text, 100)}" : $"✓ Run Results: {ToolRowFormat.Cut(e.Text, 200)}", run));
                break;
            case StopRunByInteractiveToolEvent:
                Place(new ActivityRow(ActivityKind.Interactive, depth, "■ Stopped: waiting for an answer", run));
                break;
            case StopRunByExceededMaxStepsEvent:
                Place(new ActivityRow(ActivityKind.Info, depth, "■ Stopped: max steps reached", run));
                break;
        }
    }

    /// <summary>The reasoning of a reply, dimmed, one row per thinking block (a redacted one says so).</summary>
    private void PlaceThinking(Core.Domain.Messages.Message message, int depth, RunId run)
    {
        foreach (var thinking in message.Contents.OfType<Core.Domain.Messages.ThinkingPart>())
        {
            var text = thinking.Thinking.Length == 0 ? "(redacted thinking)" : ToolRowFormat.Cut(thinking.Thinking.ReplaceLineEndings(" "), 160);
            Place(new ActivityRow(ActivityKind.Thinking, depth, $"∴ {text}", run));
        }
    }

    /// <summary><c>? askUser asks: {question}</c>, or for a call that asks nothing in words its name and arguments.</summary>
    public static string Asks(ToolCall call) =>
        InteractiveQuestion.Describe(call.ToolName, call.Args) is { } asks
            ? $"? {ToolRowFormat.Cut(asks, 200)}"
            : $"? Interactive: {call.ToolName} {ToolRowFormat.Cut(call.Args.GetRawText(), 80)}";

    /// <summary>A call first listed as a tool call turns out to be a delegation or an interactive call: its row says so.</summary>
    private void Retitle(ToolCall call, ActivityKind kind, string text, int depth, RunId run)
    {
        if (_calls.Remove(call.Id, out var listed))
        {
            listed.Row.Kind = kind;
            listed.Row.Text = text;
            return;
        }

        Place(new ActivityRow(kind, depth, text, run));
    }

    /// <summary>The run completed: its attemptCompletion (which gets no tool result event) was accepted.</summary>
    private void AcceptCompletion(RunId run)
    {
        foreach (var (id, (row, call)) in _calls.Where(c => c.Value.Call.ToolName == "attemptCompletion" && c.Value.Row.RunId == run).ToList())
        {
            row.Text = "● Completion Accepted";
            row.Kind = ActivityKind.Tool;
            _calls.Remove(id);
        }
    }

    /// <summary>Completes a tool's row: new heading, colour by outcome, detail lines right under it.</summary>
    private void Resolve(ToolResult result, int depth, RunId run)
    {
        if (!_calls.Remove(result.Id, out var pending))
        {
            var call = new ToolCall { Id = result.Id, SkillName = result.SkillName, ToolName = result.ToolName, Args = default };
            pending = (new ActivityRow(ActivityKind.Pending, depth, ToolRowFormat.Header(call), run), call);
            Place(pending.Row);
        }

        var outcome = ToolRowFormat.Outcome(pending.Call, result);
        pending.Row.Text = outcome.Header;
        pending.Row.Kind = outcome.Failed ? ActivityKind.Error : ActivityKind.Tool;
        int at = _rows.IndexOf(pending.Row) + 1;
        for (int i = 0; i < outcome.Lines.Count; i++)
        {
            var line = outcome.Lines[i];
            _rows.Insert(at + i, new ActivityRow(line.Kind, pending.Row.Depth, (i == 0 ? "└ " : "  ") + line.Text, pending.Row.RunId));
        }
    }

    /// <summary>Appends a run's row after that run's last row, so each run's rows stay together.</summary>
    private void Place(ActivityRow row)
    {
        int last = _rows.FindLastIndex(r => r.RunId == row.RunId);
        if (row.RunId is null || last < 0 || last == _rows.Count - 1 || _rows.Skip(last + 1).All(r => IsNested(r, row)))
        {
            _rows.Add(row);
            return;
        }

        _rows.Insert(last + 1, row);
    }

    /// <summary>Whether <paramref name="later"/> belongs to a run deeper than <paramref name="row"/>'s (its delegates).</summary>
    private static bool IsNested(ActivityRow later, ActivityRow row) => later.Depth > row.Depth;
}
