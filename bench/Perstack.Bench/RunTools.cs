using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.ScriptedLlm;

namespace Perstack.Bench;

/// <summary>
/// The runtime benchmarks' command-line modes (Program.cs hands them over):
/// <list type="bullet">
/// <item><c>--scripted-llm [dir]</c>: serves the scripted LLM on a free 127.0.0.1 port until stopped (SIGTERM,
/// Ctrl+C or end of stdin); prints its base URL and, given <c>dir</c>, writes the conformance perstack.toml pointed at
/// it to <c>dir/perstack.toml</c> (written last: its presence means the server is ready). Used by
/// <c>bench/run-wall.sh</c>.</item>
/// <item><c>--run-breakdown [jobs] [disk|tmpfs] [in-proc|http] [behind|immediate] [latency=MS] [steps=N]</c>: runs fake-basic jobs in this
/// process (disk and tmpfs, in-process and HTTP LLM, stores writing behind as the app's runs do and writing immediately,
/// or only those named) and splits the time per step into storage (by file kind, and the wait for queued writes at the
/// end of each job), model call and the rest, with a stopwatch. <c>latency=MS</c> makes every model call take MS
/// milliseconds more (as a real model does; counted as model-call time), so queued writes can overlap it; <c>steps=N</c>
/// makes each job N steps long (the model thinks N-1 times, then completes), to tell per-job from per-step costs.</item>
/// </list>
/// </summary>
internal static class RunTools
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly RunStorage[] Storages = [RunStorage.Disk, RunStorage.Tmpfs];
    private static readonly bool[] Llms = [false, true];
    private static readonly bool[] WriteModes = [true, false];

    public static bool Handles(string mode) => mode is "--scripted-llm" or "--run-breakdown";

    public static Task RunAsync(string[] args) => args[0] switch
    {
        "--scripted-llm" => ServeAsync(args.Length > 1 ? args[1] : null),
        _ => BreakdownAsync(args.Length > 1 ? int.Parse(args[1], Invariant) : 300, args.Skip(2).Select(a => a.ToUpperInvariant()).ToHashSet()),
    };

    private static TimeSpan s_latency;
    private static int s_steps = RunHarness.StepsPerJob;

    private static async Task ServeAsync(string? tomlDirectory)
    {
        await using var server = ScriptedLlmServer.Start();
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        Console.WriteLine(server.AnthropicBaseUrl);
        if (tomlDirectory is not null)
        {
            Directory.CreateDirectory(tomlDirectory);
            var path = Path.Combine(tomlDirectory, "perstack.toml");
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, ConformanceToml.Text.Replace("<base-url>", server.AnthropicBaseUrl, StringComparison.Ordinal)).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.Error.WriteLine($"scripted LLM: served {server.Requests.Count} requests");
    }

    private static async Task BreakdownAsync(int jobs, HashSet<string> only)
    {
        if (only.FirstOrDefault(a => a.StartsWith("LATENCY=", StringComparison.Ordinal)) is { } latency)
        {
            only.Remove(latency);
            s_latency = TimeSpan.FromMilliseconds(int.Parse(latency["LATENCY=".Length..], Invariant));
        }

        if (only.FirstOrDefault(a => a.StartsWith("STEPS=", StringComparison.Ordinal)) is { } steps)
        {
            only.Remove(steps);
            s_steps = int.Parse(steps["STEPS=".Length..], Invariant);
        }

        await using var server = ScriptedLlmServer.Start();
        Console.WriteLine($"fake-basic jobs ({s_steps} steps, {s_steps + 1} model calls each), {jobs} measured after 30 warm-up; times per step; model latency added: {s_latency.TotalMilliseconds} ms per call");
        Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("storage  llm      writes     total    storage (job / ckpt / event / setting / commit wait)   llm call   other    alloc/step  gen0/step");
        bool Wanted(string name, params string[] group) => !group.Any(only.Contains) || only.Contains(name);
        foreach (var storage in Storages.Where(s => Wanted(s.ToString().ToUpperInvariant(), "DISK", "TMPFS")))
        {
            foreach (var http in Llms.Where(h => Wanted(h ? "HTTP" : "IN-PROC", "HTTP", "IN-PROC")))
            {
                foreach (var behind in WriteModes.Where(b => Wanted(b ? "BEHIND" : "IMMEDIATE", "BEHIND", "IMMEDIATE")))
                {
                    await MeasureAsync(server, storage, http, behind, jobs).ConfigureAwait(false);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(IdCost());
        Console.WriteLine();
        Console.WriteLine("storage = wall time inside the File*Store calls: writing immediately, serialise + temp file + write + fsync + rename (checkpoint saves also rewrite");
        Console.WriteLine("          checkpoint-index.json); writing behind, serialise + queue, and the commit wait: the job's end waiting for its queued writes (group-committed");
        Console.WriteLine("          on a background task) before its lock is released.");
        Console.WriteLine("llm call = wall time inside IChatClient.GetResponseAsync (retry/timeout decorators + the client; over HTTP also the SDK, sockets and the in-process server).");
        Console.WriteLine("other = the rest: state machine, message mapping, base skill, event objects, NDJSON line, lock file, folders.");
    }

    /// <summary>The cost of one id (<see cref="IdGenerator.Next"/>: 24 calls of RandomNumberGenerator.GetInt32); a job makes about 30.</summary>
    private static string IdCost()
    {
        const int Count = 20_000;
        for (int i = 0; i < Count; i++)
        {
            IdGenerator.Next();
        }

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Count; i++)
        {
            IdGenerator.Next();
        }

        var each = Stopwatch.GetElapsedTime(start).TotalMicroseconds / Count;
        return string.Create(Invariant,
            $"IdGenerator.Next(): {each:F2} µs per id (24 RandomNumberGenerator.GetInt32 calls); a fake-basic job's files hold ~30 distinct ids, i.e. ~{each * 30 / RunHarness.StepsPerJob / 1000:F2} ms per step if each is made once");
    }

    private static async Task MeasureAsync(ScriptedLlmServer server, RunStorage storage, bool http, bool behind, int jobs)
    {
        var root = RunBenchmarks.NewRoot(storage);
        try
        {
            var timings = new StorageTimings();
            var harness = new RunHarness(root, server.AnthropicBaseUrl, timings, behind);
            using var inner = http ? harness.CreateAnthropicClient() : RunHarness.CreateInstantClient(new InstantConformanceChatClient());
            IChatClient model = s_steps != RunHarness.StepsPerJob ? new LongerJobChatClient(inner, s_steps - 1) : inner;
            using var chat = new TimedChatClient(s_latency > TimeSpan.Zero ? new SlowChatClient(model, s_latency) : model);
            for (int i = 0; i < 30; i++)
            {
                RunHarness.Check(await harness.RunJobAsync(chat).ConfigureAwait(false), s_steps);
            }

            timings.Reset();
            chat.Reset();
            int gen0 = GC.CollectionCount(0);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < jobs; i++)
            {
                RunHarness.Check(await harness.RunJobAsync(chat).ConfigureAwait(false), s_steps);
            }

            var total = Stopwatch.GetElapsedTime(start);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            gen0 = GC.CollectionCount(0) - gen0;
            double steps = (double)jobs * s_steps;
            string Ms(TimeSpan t) => (t.TotalMilliseconds / steps).ToString("F3", Invariant);
            var other = total - timings.Total - chat.Elapsed;
            Console.WriteLine(string.Create(Invariant,
                $"{storage,-8} {(http ? "http" : "in-proc"),-8} {(behind ? "behind" : "immediate"),-9} {Ms(total),7} ms {Ms(timings.Total),7} ms ({Ms(timings.Job)} / {Ms(timings.Checkpoint)} / {Ms(timings.Event)} / {Ms(timings.RunSetting)} / {Ms(timings.Commit)})  {Ms(chat.Elapsed),7} ms {Ms(other),7} ms {allocated / steps / 1024,8:F0} KB {gen0 / steps,8:F3}"));
            if (!http && !behind && storage == RunStorage.Disk)
            {
                Console.WriteLine(string.Create(Invariant,
                    $"         calls per job: job.json {timings.JobCalls / (double)jobs:F0} (1 read), checkpoint {timings.CheckpointCalls / (double)jobs:F0}, event {timings.EventCalls / (double)jobs:F0}, run-setting {timings.RunSettingCalls / (double)jobs:F0}"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A model that takes <paramref name="latency"/> longer to answer.</summary>
    private sealed class SlowChatClient(IChatClient inner, TimeSpan latency) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds up the wall time spent inside the chat client.</summary>
    private sealed class TimedChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private long _ticks;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _ticks);

        public void Reset() => _ticks = 0;

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _ticks += Stopwatch.GetTimestamp() - start;
            }
        }
    }
}
