using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Bench;

/// <summary>Where a benchmark keeps its history.</summary>
public enum RunStorage
{
    /// <summary>The temp folder (<c>/tmp</c>, the root disk here): every write pays a real fsync.</summary>
    Disk,

    /// <summary><c>/dev/shm</c> (tmpfs): fsync is nearly free, so Disk − Tmpfs is the price of crash safety.</summary>
    Tmpfs,
}

/// <summary>
/// The runtime's cost per step: a whole <c>fake-basic "Say hello"</c> job (2 steps, 3 model calls: think,
/// attemptCompletion, the run result) through <see cref="Perstack.Core.Runtime.JobRunner"/> with the CLI's stores,
/// base skill and event sinks, each invocation a new job. <c>OperationsPerInvoke = 2</c>, so Mean and Allocated
/// are <b>per step</b>; a job is twice that.
/// <list type="bullet">
/// <item><see cref="InProcessLlm"/>: an in-process client gives the conformance replies at once (no HTTP), so the time
/// is the runtime alone: state machine, JSON, atomic writes with fsync, events.</item>
/// <item><see cref="ScriptedLlmOverHttp"/>: the CLI's Anthropic SDK client against the scripted LLM server on
/// 127.0.0.1 (in this process, so its CPU time and allocations are counted too).</item>
/// </list>
/// <c>dotnet run -c Release --project bench/Perstack.Bench -- --filter '*RunBenchmarks*'</c> (about 2 minutes).
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 12, id: "Short")]
public class RunBenchmarks
{
    private ScriptedLlmServer _server = null!;
    private RunHarness _harness = null!;
    private IChatClient _instant = null!;
    private IChatClient _http = null!;
    private string _root = null!;

    [Params(RunStorage.Disk, RunStorage.Tmpfs)]
    public RunStorage Storage { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = ScriptedLlmServer.Start();
        _root = NewRoot(Storage);
        _harness = new RunHarness(_root, _server.AnthropicBaseUrl);
        _instant = RunHarness.CreateInstantClient(new InstantConformanceChatClient());
        _http = _harness.CreateAnthropicClient();

        // Both clients must run the job the conformance way: completed at step 2.
        RunHarness.Check(await _harness.RunJobAsync(_instant).ConfigureAwait(false));
        RunHarness.Check(await _harness.RunJobAsync(_http).ConfigureAwait(false));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _instant.Dispose();
        _http.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RunHarness.StepsPerJob)]
    public Task<Checkpoint> InProcessLlm() => _harness.RunJobAsync(_instant);

    [Benchmark(OperationsPerInvoke = RunHarness.StepsPerJob)]
    public Task<Checkpoint> ScriptedLlmOverHttp() => _harness.RunJobAsync(_http);

    /// <summary>A new, empty folder on the chosen file system.</summary>
    internal static string NewRoot(RunStorage storage)
    {
        var parent = storage == RunStorage.Tmpfs ? "/dev/shm" : Path.GetTempPath();
        if (!Directory.Exists(parent))
        {
            throw new InvalidOperationException($"{parent} does not exist: no tmpfs to compare with on this machine");
        }

        var root = Path.Combine(parent, "perstack-bench-run-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }
}
