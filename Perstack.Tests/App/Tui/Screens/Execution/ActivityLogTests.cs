using System.Text.Json;
using FluentAssertions;
using Perstack.App.Tui.Screens.Execution;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.TestKit.Files;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>Activity rows per tool (perstack-tui-cli.md §2.5, §4.3), delegation indentation, retries and errors.</summary>
public sealed class ActivityLogTests
{
    private static readonly JobId Job = JobId.Parse("job");
    private static readonly RunId Run = RunId.Parse("run");
    private ActivityLog _log = null!;

    [SetUp]
    public void SetUp() => _log = new ActivityLog();

    private static ToolCall Call(string id, string tool, string args) =>
        new() { Id = id, SkillName = "@perstack/base", ToolName = tool, Args = JsonDocument.Parse(args).RootElement.Clone() };

    private static ToolResult Result(string id, string tool, string text) =>
        new() { Id = id, SkillName = "@perstack/base", ToolName = tool, Result = [new TextPart { Id = "p", Text = text }] };

    private void Tool(string tool, string args, string result, RunId? run = null)
    {
        var id = "call-" + _log.Rows.Count;
        _log.Apply(new CallToolsEvent { JobId = Job, RunId = run ?? Run, NewMessage = new ExpertMessage { Id = "m", Contents = [] }, ToolCalls = [Call(id, tool, args)], Usage = Usage.Empty });
        _log.Apply(new ResolveToolResultsEvent { JobId = Job, RunId = run ?? Run, ToolResults = [Result(id, tool, result)] });
    }

    private string[] Lines => _log.Rows.Select(r => r.Display).ToArray();

    [Test]
    public void File_tools_show_line_counts_and_the_changed_lines()
    {
        Tool("writeTextFile", """{"path":"src/a.txt","text":"one\ntwo\nthree\n"}""", """{"path":"src/a.txt"}""");
        Tool("editTextFile", """{"path":"src/a.txt","oldText":"two","newText":"2\n2b"}""", """{"path":"src/a.txt"}""");
        Tool("readTextFile", """{"path":"src/a.txt","from":0,"to":2}""", """{"path":"src/a.txt","content":"one\n2","from":0,"to":2}""");

        Lines.Should().Equal(
            "● Write Text File src/a.txt (+3)",
            "└ + one",
            "  + two",
            "  + three",
            "● Edit Text File src/a.txt (+2 -1)",
            "└ - two",
            "  + 2",
            "  + 2b",
            "● Read Text File src/a.txt#0-2",
            "└ 2 lines");
        _log.Rows[1].Kind.Should().Be(ActivityKind.Added);
        _log.Rows[5].Kind.Should().Be(ActivityKind.Removed);
        _log.Rows[0].Kind.Should().Be(ActivityKind.Tool, "a tool row is done once its result arrives");
    }

    [Test]
    public void Exec_shows_the_first_output_lines_and_a_failure_in_red()
    {
        Tool("exec", """{"command":"npm","args":["test"],"cwd":".","env":{},"stdout":true,"stderr":true}""", """{"output":"a\n\nb\nc\nd\ne\nf\n"}""");
        Tool("exec", """{"command":"false","args":[],"cwd":"sub","env":{},"stdout":true,"stderr":true}""", """{"error":"Command failed: false","exitCode":1,"stderr":"boom"}""");

        Lines.Should().Equal(
            "● Bash npm test",
            "└ a",
            "  b",
            "  c",
            "  d",
            "  ... +2 more",
            "● Bash false (in sub)",
            "└ ✗ Command failed: false",
            "  boom");
        _log.Rows[6].Kind.Should().Be(ActivityKind.Error);
    }

    [Test]
    public void List_todo_think_completion_and_other_tools()
    {
        Tool("listDirectory", """{"path":"."}""", """{"path":"/w","items":[{"name":"src","type":"directory"},{"name":"a.md","type":"file"}]}""");
        Tool("todo", """{"newTodos":["write","test"],"completedTodos":[1]}""", """{"todos":[{"id":1,"title":"plan","completed":true},{"id":2,"title":"write","completed":false}]}""");
        Tool("think", """{"thought":"First the parser."}""", """{"thought":"First the parser."}""");
        Tool("attemptCompletion", "{}", """{"remainingTodos":[{"id":2,"title":"write","completed":false}]}""");
        Tool("attemptCompletion", "{}", "{}");
        Tool("search", """{"q":"x"}""", "found 3 results\nmore");

        Lines.Should().Equal(
            "● List .",
            "└ 📁 src",
            "  📄 a.md",
            "● Todo Added 2 tasks, Completed 1 task",
            "└ ○ write",
            "  ○ test",
            "  ✓ plan",
            "● Think",
            "└ First the parser.",
            "● Completion Blocked — 1 remaining task",
            "● Completion Accepted",
            """● search {"q":"x"}""",
            "└ found 3 results",
            "  ... +1 more");
    }

    [Test]
    public void Delegated_runs_are_indented_under_their_header_and_kept_apart()
    {
        var child1 = RunId.Parse("child-1");
        var child2 = RunId.Parse("child-2");
        StartRunEvent Start(RunId run, string expert) => new()
        {
            JobId = Job,
            RunId = run,
            ExpertKey = expert,
            InputMessages = [],
            InitialCheckpoint = TestData.Checkpoint(Job, 1, runId: run) with
            {
                DelegatedBy = new DelegatedBy { Expert = TestData.Expert, ToolCallId = "d", ToolName = expert, CheckpointId = CheckpointId.Parse("ck"), RunId = Run },
            },
        };

        _log.Apply(new CallDelegateEvent { JobId = Job, RunId = Run, NewMessage = new ExpertMessage { Id = "m", Contents = [] }, ToolCalls = [Call("d", "worker", """{"query":"do a"}""")], Usage = Usage.Empty });
        _log.Apply(Start(child1, "worker"));
        _log.Apply(Start(child2, "checker"));
        Tool("think", """{"thought":"a"}""", "{}", child1);
        _log.Apply(new RetryEvent { JobId = Job, RunId = child2, Reason = "overloaded", NewMessages = [], Usage = Usage.Empty });
        _log.Apply(new CompleteRunEvent { JobId = Job, RunId = child1, Text = "done a", Checkpoint = TestData.Checkpoint(Job, 2), Step = new Step { StepNumber = 2, NewMessages = [], Usage = Usage.Empty }, Usage = Usage.Empty });

        Lines.Should().Equal(
            """● worker {"query":"do a"}""",
            "[worker] Delegated by [my-expert]",
            "  ● Think",
            "  └ a",
            "  ✓ Delegation Complete: done a",
            "[checker] Delegated by [my-expert]",
            "  ↻ Retry 1: overloaded");
    }

    [Test]
    public void Thinking_shows_dimmed_before_the_calls_it_led_to()
    {
        var reply = new ExpertMessage
        {
            Id = "m",
            Contents = [new ThinkingPart { Id = "t1", Thinking = "Read the file first.", Signature = "sig" }, new ThinkingPart { Id = "t2", Thinking = "", RedactedData = "ZGF0YQ==" }],
        };

        _log.Apply(new CallToolsEvent { JobId = Job, RunId = Run, NewMessage = reply, ToolCalls = [Call("c1", "readTextFile", """{"path":"a.txt"}""")], Usage = Usage.Empty });

        Lines[0].Should().Be("∴ Read the file first.");
        Lines[1].Should().Be("∴ (redacted thinking)");
        _log.Rows[0].Kind.Should().Be(ActivityKind.Thinking);
        _log.Rows[0].Color.Should().Be(new Terminal.Gui.Drawing.Color(Terminal.Gui.Drawing.ColorName16.DarkGray));
        Lines[2].Should().Be("● Read Text File a.txt");
    }
}
