using System.Globalization;
using System.Text;
using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;

namespace Perstack.Bench;

/// <summary>
/// A deterministic job of N run events for the <c>perstack log</c> benchmarks, written in the stores' exact format
/// (<see cref="PerstackJson"/>), without fsync. Five events per step (startGeneration, callTools,
/// resolveToolResults, finishToolCall, continueToNextStep; every 500th step a retry instead of the last), in two runs
/// that take turns every 100 steps, as a delegating job's do. Payloads are realistic in size (tool results of
/// ~1 KB, continueToNextStep carrying both checkpoints with a bounded window of messages); every 50th tool result is
/// an error. Generated once per size into <see cref="SyntheticHistory.DataRoot"/> (a marker file written last).
/// </summary>
public static class SyntheticEventJob
{
    /// <summary>Bump when the generated data changes.</summary>
    private const int FormatVersion = 1;
    private const long Epoch2025 = 1_735_689_600_000;

    /// <summary>The job id of every generated event job.</summary>
    public static JobId JobId { get; } = JobId.Parse("bench-log-job");

    /// <summary>A storage root holding <see cref="JobId"/> with <paramref name="events"/> events (a multiple of 5).</summary>
    public static string Ensure(int events)
    {
        var root = Path.Combine(SyntheticHistory.DataRoot, $"log-{events}-v{FormatVersion}");
        var marker = Path.Combine(root, ".generated");
        if (File.Exists(marker))
        {
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var started = DateTime.UtcNow;
        Generate(root, events / 5);
        File.WriteAllText(marker, $"generated {DateTime.UtcNow:O} in {(DateTime.UtcNow - started).TotalSeconds:F1}s\n");
        return root;
    }

    private static void Generate(string root, int steps)
    {
        var runs = new[] { RunId.Parse("run-coordinator"), RunId.Parse("run-delegate") };
        var jobDirectory = Path.Combine(root, "jobs", JobId.Value);
        foreach (var run in runs)
        {
            Directory.CreateDirectory(Path.Combine(jobDirectory, "runs", run.Value));
        }

        long time = Epoch2025;
        var job = new Job
        {
            Id = JobId,
            Status = JobStatus.Completed,
            CoordinatorExpertKey = "bench-coordinator",
            TotalSteps = steps,
            Usage = new Usage { InputTokens = steps * 1000L, OutputTokens = steps * 50L, TotalTokens = steps * 1050L },
            StartedAt = time,
            FinishedAt = time + (steps * 50L),
        };
        File.WriteAllBytes(Path.Combine(jobDirectory, "job.json"), JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented));

        var window = new List<Message>();
        for (int step = 1; step <= steps; step++)
        {
            var run = runs[(step - 1) / 100 % 2];
            var expert = run == runs[0] ? "bench-coordinator" : "bench-delegate";
            string Id(string kind) => string.Create(CultureInfo.InvariantCulture, $"{kind}{step}");
            RunEvent Stamp(RunEvent e) => e with { Id = Id("e" + e.Type), ExpertKey = expert, JobId = JobId, RunId = run, StepNumber = step, Timestamp = time += 10 };

            var user = new UserMessage { Id = Id("u"), Contents = [new TextPart { Id = Id("ut"), Text = Text(step, 200) }] };
            var toolName = (step % 4) switch { 0 => "readTextFile", 1 => "exec", 2 => "editTextFile", _ => "think" };
            var args = JsonDocument.Parse($$"""{"path":"src/module{{step % 97}}.ts","note":"{{Text(step, 80)}}"}""").RootElement.Clone();
            var call = new ToolCall { Id = Id("toolu_"), SkillName = "@perstack/base", ToolName = toolName, Args = args };
            var expertMessage = new ExpertMessage { Id = Id("x"), Contents = [new ToolCallPart { Id = Id("xp"), ToolCallId = call.Id, ToolName = toolName, Args = args }] };
            var resultText = step % 50 == 0 ? $"Error calling tool {toolName}: exit code 1\n{Text(step, 900)}" : Text(step, 1000);
            var result = new ToolResult { Id = call.Id, SkillName = call.SkillName, ToolName = toolName, Result = [new TextPart { Id = Id("r"), Text = resultText }] };
            var toolMessage = new ToolMessage
            {
                Id = Id("t"),
                Contents = [new ToolResultPart { Id = Id("tp"), ToolCallId = call.Id, ToolName = toolName, Contents = result.Result }],
            };
            var usage = new Usage { InputTokens = 1000, OutputTokens = 50, TotalTokens = 1050 };

            window.AddRange([expertMessage, toolMessage]);
            if (window.Count > 6)
            {
                window.RemoveRange(0, window.Count - 6); // a bounded window keeps file sizes flat across the job
            }

            var checkpoint = new Checkpoint
            {
                Id = CheckpointId.Parse(Id("c")),
                JobId = JobId,
                RunId = run,
                Status = CheckpointStatus.Proceeding,
                StepNumber = step,
                Messages = [user, .. window],
                Expert = new ExpertRef { Key = expert, Name = expert, Version = "1.0.0" },
                Usage = usage,
            };
            var stepRecord = new Step { StepNumber = step, NewMessages = [expertMessage, toolMessage], ToolCalls = [call], ToolResults = [result], Usage = usage, StartedAt = time };

            RunEvent last = step % 500 == 0
                ? new RetryEvent { Reason = "{\"error\":\"Error: No tool call generated\"}", NewMessages = [user], Usage = usage }
                : new ContinueToNextStepEvent { Checkpoint = checkpoint, Step = stepRecord, NextCheckpoint = checkpoint with { StepNumber = step + 1 } };
            RunEvent[] events =
            [
                new StartGenerationEvent { Messages = [user] },
                new CallToolsEvent { NewMessage = expertMessage, ToolCalls = [call], Usage = usage },
                new ResolveToolResultsEvent { ToolResults = [result] },
                new FinishToolCallEvent { NewMessages = [toolMessage] },
                last,
            ];
            foreach (var e in events)
            {
                var stamped = Stamp(e);
                var name = string.Create(CultureInfo.InvariantCulture, $"event-{stamped.Timestamp}-{step}-{stamped.Type}.json");
                File.WriteAllBytes(Path.Combine(jobDirectory, "runs", run.Value, name), JsonSerializer.SerializeToUtf8Bytes(stamped, PerstackJson.RunEvent));
            }
        }
    }

    private static string Text(int seed, int length)
    {
        var text = new StringBuilder(length + 16);
        for (int i = seed; text.Length < length; i = (i * 31) + 7)
        {
            text.Append(Words[(int)((uint)i % (uint)Words.Length)]).Append(' ');
        }

        return text.ToString(0, length);
    }

    private static readonly string[] Words =
    [
        "the", "expert", "reads", "file", "test", "function", "returns", "value", "update", "config", "build", "error",
        "result", "module", "import", "export", "async", "await", "string", "array", "handler", "cache", "index", "step",
    ];
}
