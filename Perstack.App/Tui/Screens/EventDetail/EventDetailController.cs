using Perstack.Core.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Json;
using Perstack.Core.Storage;
using Terminal.Gui.Drawing;

namespace Perstack.App.Tui.Screens.EventDetail;

/// <summary>
/// One event's whole payload as coloured, indented JSON in a pager (the reference showed only its metadata); a question
/// the event puts to the user is said in words above it. y copies the JSON.
/// </summary>
internal sealed class EventDetailController(IWorkbenchShell shell) : PagerController(shell, KeyMap.EventDetail)
{
    /// <summary>Starts the lines that say a question in words (no JSON line starts so).</summary>
    private const string QuestionMark = "? ";

    private Job? _job;
    private CheckpointSummary? _checkpoint;
    private EventSummary? _event;
    private string _json = "";

    public override Screen Screen => Screen.EventDetail;

    protected override string Caption => _event is null ? "Event Detail" : $"Event Detail: [{_event.Type}] Step {_event.StepNumber}";

    /// <summary>Reads the event off the UI thread and shows it.</summary>
    public void Load(Job job, CheckpointSummary checkpoint, EventSummary summary)
    {
        _job = job;
        _checkpoint = checkpoint;
        _event = summary;
        _json = "";
        int version = BeginLoad();
        ShowText([]);
        var store = Shell.Services.Events;
        Shell.Work.Run(
            async () =>
            {
                var runEvent = await store.GetAsync(summary).ConfigureAwait(false);
                return runEvent is null ? (Lines: (IReadOnlyList<string>)["The event file is gone."], Json: "") : (Lines: Lines(runEvent), Json: Json(runEvent));
            },
            loaded => Show(version, loaded.Lines, loaded.Json),
            e => Show(version, [$"Cannot read the event: {e.Message}"], ""));
    }

    private void Show(int version, IReadOnlyList<string> lines, string json)
    {
        if (!IsLatest(version))
        {
            return;
        }

        EndLoad();
        _json = json;
        ShowText(lines);
    }

    /// <summary>The event as shown: its questions in words, then its indented JSON lines.</summary>
    public static IReadOnlyList<string> Lines(RunEvent runEvent)
    {
        var questions = QuestionsOf(runEvent).ToList();
        var json = Json(runEvent).Split('\n');
        return questions.Count == 0 ? json : [.. questions.Select(q => QuestionMark + q), "", .. json];
    }

    /// <summary>The event as indented JSON.</summary>
    public static string Json(RunEvent runEvent)
    {
        var info = (JsonTypeInfo<RunEvent>)PerstackJson.Indented.GetTypeInfo(typeof(RunEvent));
        return JsonSerializer.Serialize(runEvent, info).ReplaceLineEndings("\n");
    }

    /// <summary>The questions the event's tool calls put to the user, in words.</summary>
    private static IEnumerable<string> QuestionsOf(RunEvent runEvent)
    {
        IEnumerable<ToolCall> calls = runEvent switch
        {
            CallInteractiveToolEvent e => [e.ToolCall],
            CallToolsEvent e => e.ToolCalls,
            StopRunByInteractiveToolEvent e => e.Checkpoint.PendingToolCalls ?? [],
            _ => [],
        };
        return calls.Select(c => InteractiveQuestion.Describe(c.ToolName, c.Args)).OfType<string>().Distinct(StringComparer.Ordinal);
    }

    protected override Color[] ColorsOf(string line) =>
        line.StartsWith(QuestionMark, StringComparison.Ordinal) ? Enumerable.Repeat(new Color(ColorName16.Yellow), line.Length).ToArray() : JsonColors.Of(line);

    protected override void Reload()
    {
        if (_job is not null && _checkpoint is not null && _event is not null)
        {
            Load(_job, _checkpoint, _event);
        }
    }

    protected override bool PerformPage(TuiAction action)
    {
        if (action == TuiAction.Back && _job is not null && _checkpoint is not null)
        {
            Shell.ShowEvents(_job, _checkpoint, _event);
        }

        return true;
    }

    protected override IReadOnlyList<CopyTarget> CopyTargets()
    {
        var targets = new List<CopyTarget>();
        if (_json.Length > 0)
        {
            targets.Add(new CopyTarget("event JSON", _json, $"{CountText.Of(_json.Split('\n').Length, "line")}, {CountText.Of(_json.Length, "character")}"));
        }

        if (_checkpoint is { } c)
        {
            targets.AddRange(ResumeCommand.Targets(c, Shell.Services.ResumeFlags));
        }

        return targets;
    }
}
