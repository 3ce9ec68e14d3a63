using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Tests.Reliability;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP sent with <c>kill</c> to a real <c>perstack run</c> at the moments a user or a
/// supervisor stops one: waiting for the LLM, while a tool hangs (a command that never ends; a read that blocks the
/// thread and ignores cancellation), three delegation levels deep, and while resuming a job whose checkpoint is tens of
/// megabytes. Each must end with exit 130/143/129, one stderr line naming the job and how to continue it, the job
/// <c>stoppedByError</c> with a <c>Cancelled</c> checkpoint, nothing left running, and the job must then continue to
/// completion when continued as the line says. The time from signal to exit is printed (a figure, not a limit).
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
[NonParallelizable]
public sealed class SignalTests : ReliabilityTest
{
    private const string Toml = ConformanceToml.Text + """


        [experts."fake-exec"]             # runs a command (scripted), then completes
        instruction = "Run the command, then call attemptCompletion."
        [experts."fake-exec".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["exec", "attemptCompletion"]

        [experts."fake-reader"]           # reads a file (scripted), then completes
        instruction = "Read the file, then call attemptCompletion."
        [experts."fake-reader".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["readTextFile", "attemptCompletion"]

        [experts."deep-0"]
        instruction = "Delegate to deep-1, then call attemptCompletion."
        delegates = ["deep-1"]
        [experts."deep-0".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."deep-1"]
        instruction = "Delegate to deep-2, then call attemptCompletion."
        delegates = ["deep-2"]
        [experts."deep-1".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["attemptCompletion"]

        [experts."deep-2"]
        instruction = "Think once, then call attemptCompletion."
        [experts."deep-2".skills."@perstack/base"]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "@perstack/base"
        pick = ["think", "attemptCompletion"]
        """;

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    private readonly List<string> _timings = [];

    protected override string Family => "Signals";

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_signal_during_an_llm_wait_stops_the_job_cleanly_and_it_continues(CancellationToken cancellationToken)
    {
        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var run = await StartAsync(workspace, IsEvent("startGeneration", step: 2), "run", "fake-basic", "Say hello");
            await workspace.Server.WaitForRequestsAsync(2, StopLimit);

            await StopAndContinueAsync(workspace, run, "llm wait", signal, exitCode, "fake-basic");
            cases++;
        }

        Held("SIGINT/SIGTERM/SIGHUP while waiting for the LLM", cases, StoppedAndContinued(cases));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_signal_while_a_command_never_ends_stops_the_job_and_kills_the_command(CancellationToken cancellationToken)
    {
        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            var pidFile = Path.Combine(workspace.Directory, "sleeper.pid");
            var args = new JsonObject
            {
                ["command"] = "sh",
                ["args"] = new JsonArray("-c", "echo $$ > sleeper.pid; exec sleep 600"),
                ["env"] = new JsonObject(),
                ["cwd"] = ".",
                ["stdout"] = true,
                ["stderr"] = true,
                ["timeout"] = 600_000,
            };
            workspace.Server.Enqueue(ScriptedReply.ToolCall("exec", args.ToJsonString()));
            using var run = await StartAsync(workspace, IsEvent("callTools", step: 1), "run", "fake-exec", "Run it");
            int sleeper = await ReadPidAsync(pidFile);

            await StopAndContinueAsync(workspace, run, "command never ends", signal, exitCode, "fake-exec");
            File.Exists($"/proc/{sleeper}/cmdline").Should().BeFalse("the command's process is killed with the run");
            cases++;
        }

        Held("SIGINT/SIGTERM/SIGHUP while exec runs a command that never ends", cases, StoppedAndContinued(cases) + "; the command's process is gone");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_signal_while_a_read_blocks_the_thread_stops_the_job(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("needs mkfifo");
        }

        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            using (var mkfifo = ChildProcess.Start("mkfifo", [Path.Combine(workspace.Directory, "pipe")]))
            {
                await mkfifo.WaitForExitAsync(cancellationToken);
            }

            // Opening a FIFO nobody writes blocks the thread in open(2), which no cancellation token reaches. If the
            // read is refused instead, the run waits on the hanging LLM reply after it: a stop is still tested.
            workspace.Server.Enqueue(ScriptedReply.ToolCall("readTextFile", """{"path":"pipe"}"""), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var run = await StartAsync(workspace, IsEvent("callTools", step: 1), "run", "fake-reader", "Read it");
            await Task.Delay(300, cancellationToken);

            await StopAndContinueAsync(workspace, run, "blocked read", signal, exitCode, "fake-reader", workspace.Server.ClearQueue);
            cases++;
        }

        Held("SIGINT/SIGTERM/SIGHUP while readTextFile blocks on a FIFO (a thread that ignores cancellation)", cases, StoppedAndContinued(cases));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_signal_three_delegations_deep_stops_the_job_and_the_coordinator_continues_it(CancellationToken cancellationToken)
    {
        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var run = await StartAsync(workspace, IsEvent("startGeneration", step: 3, expertKey: "deep-2"), "run", "deep-0", "Go deep");
            await workspace.Server.WaitForRequestsAsync(3, StopLimit);

            var resumed = await StopAndContinueAsync(workspace, run, "3 delegations deep", signal, exitCode, "deep-0");
            var sequence = RunWorkspace.Sequence(resumed);
            sequence[0].Should().Be("startRun@4/deep-2", "the cancelled delegate resumes first");
            sequence.Should().Contain(s => s.StartsWith("completeRun@", StringComparison.Ordinal) && s.EndsWith("/deep-1", StringComparison.Ordinal), "then its parent");
            sequence[^1].Should().MatchRegex("^completeRun@[0-9]+/deep-0$", "and the coordinator completes the job");
            cases++;
        }

        Held("SIGINT/SIGTERM/SIGHUP three delegation levels deep (coordinator → delegate → delegate waiting for the LLM)", cases,
            StoppedAndContinued(cases) + "; continuing with the coordinator's key resumes the innermost delegate, then each parent");
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task Every_signal_while_resuming_a_large_checkpoint_stops_the_job(CancellationToken cancellationToken)
    {
        const int Megabytes = 40;
        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
            first.ExitCode.Should().Be(0, first.Error);
            var jobId = RunWorkspace.JobIdOf(first);
            await GrowLatestCheckpointAsync(workspace.Store, jobId, Megabytes);

            workspace.Server.Enqueue(ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var run = await StartAsync(workspace, IsEvent("startRun", step: 3), "run", "fake-basic", "Go on", "--continue-job", jobId);

            await StopAndContinueAsync(workspace, run, $"resuming a {Megabytes} MB checkpoint", signal, exitCode, "fake-basic");
            cases++;
        }

        Held($"SIGINT/SIGTERM/SIGHUP while resuming from a {Megabytes} MB checkpoint", cases, StoppedAndContinued(cases));
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_signal_to_the_workbench_during_a_run_stops_the_job_before_it_closes(CancellationToken cancellationToken)
    {
        TerminalSession.RequireOrIgnore();

        int cases = 0;
        foreach (var (signal, exitCode) in SignalledRun.Signals)
        {
            await using var workspace = RunWorkspace.Create(Toml);
            workspace.Server.Enqueue(ScriptedReply.Default(), ScriptedReply.Hang(TimeSpan.FromMinutes(5)));
            using var terminal = TerminalSession.Start(workspace, "start", "fake-basic", "Say hello");
            await workspace.Server.WaitForRequestsAsync(2, StopLimit);
            var (code, screen, stopTime) = await terminal.SignalAsync(signal, StopLimit);
            var because = $"SIG{signal} (workbench); screen: {screen}";
            _timings.Add(string.Create(CultureInfo.InvariantCulture, $"stop time: SIG{signal,-4} {"workbench run, llm wait",-40} {stopTime.TotalMilliseconds,7:F0} ms"));

            code.Should().Be(exitCode, because);
            var stores = new Stores(workspace.Store);
            var job = (await stores.Jobs.ListAsync(cancellationToken)).Items.Should().ContainSingle(because).Subject;
            job.Status.Should().Be(JobStatus.StoppedByError, because);
            screen.Should().Contain($"Cancelled by SIG{signal}: job {job.Id} stopped; continue it with: perstack run fake-basic \"<query>\" --continue-job {job.Id}", because);
            var resumed = await workspace.RunAsync("run", "fake-basic", "Please finish", "--continue-job", job.Id.Value);
            resumed.ExitCode.Should().Be(0, $"continuing after {because}: {resumed.Error}");
            (await stores.Jobs.GetAsync(job.Id, cancellationToken))!.Status.Should().Be(JobStatus.Completed, because);
            cases++;
        }

        Held("SIGINT/SIGTERM/SIGHUP to perstack start (a real pseudo-terminal) while its run waits for the LLM", cases,
            $"{cases} runs: the workbench cancels the run, waits for the stop to be recorded, restores the terminal and exits 130/143/129 with the job's continue line; job.json stoppedByError; the job then continued to completion");
    }

    [TearDown]
    public void PrintTimings()
    {
        foreach (var line in _timings)
        {
            TestContext.Progress.WriteLine(line);
        }

        _timings.Clear();
    }

    private static string StoppedAndContinued(int cases) =>
        $"{cases} runs: exit 130/143/129, one stderr line naming the job and its --continue-job command, job.json stoppedByError with a Cancelled checkpoint, lock released; the job then continued to completion";

    private static async Task<SignalledRun> StartAsync(RunWorkspace workspace, Func<string, bool> trigger, params string[] args)
    {
        var run = SignalledRun.Start(PerstackProcess.StartInfo(workspace.Directory, workspace.Environment, args), trigger);
        await run.WaitForTriggerAsync(StopLimit);
        return run;
    }

    private static Func<string, bool> IsEvent(string type, int step, string? expertKey = null) => line =>
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return root.GetProperty("type").GetString() == type && root.GetProperty("stepNumber").GetInt64() == step
            && (expertKey is null || root.GetProperty("expertKey").GetString() == expertKey);
    };

    private async Task<ProcessResult> StopAndContinueAsync(
        RunWorkspace workspace, SignalledRun run, string scenario, string signal, int exitCode, string coordinator, Action? beforeContinuing = null)
    {
        var (code, error, stopTime) = await run.SignalAsync(signal, StopLimit);
        var because = $"SIG{signal} ({scenario}); stderr: {error}";
        _timings.Add(string.Create(CultureInfo.InvariantCulture, $"stop time: SIG{signal,-4} {scenario,-40} {stopTime.TotalMilliseconds,7:F0} ms"));

        code.Should().Be(exitCode, because);
        var jobId = JsonDocument.Parse(run.Lines[0]).RootElement.GetProperty("jobId").GetString()!;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(because).Which.Should().Be(
            $"Cancelled by SIG{signal}: job {jobId} stopped; continue it with: perstack run {coordinator} \"<query>\" --continue-job {jobId}");

        var stores = new Stores(workspace.Store);
        var id = JobId.Parse(jobId);
        var job = await stores.Jobs.GetAsync(id);
        job!.Status.Should().Be(JobStatus.StoppedByError, because);
        stores.Locks.IsHeld(id).Should().BeFalse(because);
        var latest = (await stores.Checkpoints.ListAsync(id)).Items.MaxBy(c => c.Sequence)!;
        (await stores.Checkpoints.GetAsync(id, latest.Id))!.Error!.Name.Should().Be("Cancelled", because);
        StoreAudit.ParseEveryFile(stores.Layout.JobDirectory(id), because).TempFiles.Should().Be(0, because);

        beforeContinuing?.Invoke();
        var resumed = await workspace.RunAsync("run", coordinator, "Please finish", "--continue-job", jobId);
        resumed.ExitCode.Should().Be(0, $"continuing after {because}: {resumed.Error}");
        RunWorkspace.Sequence(resumed)[^1].Should().MatchRegex($"^completeRun@[0-9]+/{coordinator}$", because);
        (await stores.Jobs.GetAsync(id))!.Status.Should().Be(JobStatus.Completed, because);
        return resumed;
    }

    private static async Task<int> ReadPidAsync(string pidFile)
    {
        for (int i = 0; i < 400; i++)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("the command never started");
    }

    /// <summary>Adds a user message of <paramref name="megabytes"/> MB to the job's latest checkpoint, as a long conversation would.</summary>
    private static async Task GrowLatestCheckpointAsync(string store, string jobId, int megabytes)
    {
        var stores = new Stores(store);
        var id = JobId.Parse(jobId);
        var latest = (await stores.Checkpoints.ListAsync(id)).Items.MaxBy(c => c.Sequence)!;
        var path = Path.Combine(stores.Layout.JobDirectory(id), "checkpoints", $"{latest.Id}.json");
        var node = JsonNode.Parse(await File.ReadAllBytesAsync(path))!;
        var text = string.Concat(Enumerable.Repeat("A long conversation line. ", megabytes * 1024 * 1024 / 26));
        node["messages"]!.AsArray().Insert(1, new JsonObject
        {
            ["id"] = "big-message",
            ["type"] = "userMessage",
            ["contents"] = new JsonArray(new JsonObject { ["id"] = "big-part", ["type"] = "textPart", ["text"] = text }),
        });
        await File.WriteAllTextAsync(path, node.ToJsonString());
    }
}
