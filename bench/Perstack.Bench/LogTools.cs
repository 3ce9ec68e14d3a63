using System.Diagnostics;
using System.Globalization;
using Perstack.App.Cli;

namespace Perstack.Bench;

/// <summary>
/// The <c>perstack log</c> benchmark modes (Program.cs hands them over):
/// <list type="bullet">
/// <item><c>--log-generate [events]</c>: generates (or finds) the synthetic job of that many events (default 50,000)
/// and prints its storage root; <c>bench/log-stream.sh</c> then times the real executable on it.</item>
/// <item><c>--log-stream [events] [repeats]</c>: runs each <c>perstack log</c> scenario in this process (the real command
/// line, output discarded) and prints min/median/max wall and CPU time (user + system, all threads: on a loaded machine
/// the better guide to what an idle one would take), bytes allocated per run and the GC heap's peak
/// across the runs (GC figures: the memory a run needs, without process start-up).</item>
/// </list>
/// </summary>
internal static class LogTools
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The scenarios: a name and the arguments after <c>log --storage-path root --job id</c>.</summary>
    public static IReadOnlyList<(string Name, string[] Args)> Scenarios { get; } =
    [
        ("default page (100)", []),
        ("--take 0 (all, text)", ["--take", "0"]),
        ("--json --take 0", ["--json", "--take", "0"]),
        ("--filter (all read)", ["--filter", ".toolResults[].toolName == \"exec\"", "--summary"]),
        ("--errors --summary", ["--errors", "--summary", "--context", "2"]),
    ];

    public static bool Handles(string mode) => mode is "--log-generate" or "--log-stream";

    public static async Task RunAsync(string[] args)
    {
        int events = args.Length > 1 ? int.Parse(args[1], Invariant) : 50_000;
        var root = SyntheticEventJob.Ensure(events);
        if (args[0] == "--log-generate")
        {
            Console.WriteLine(root);
            return;
        }

        int repeats = args.Length > 2 ? int.Parse(args[2], Invariant) : 5;
        Console.WriteLine($"perstack log over {events} events ({Size(root)} MB on disk) in {root}; {repeats} runs after 1 warm-up; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var (name, extra) in Scenarios)
        {
            string[] command = ["log", "--storage-path", root, "--job", SyntheticEventJob.JobId.Value, .. extra];
            var times = new List<double>();
            var cpu = new List<double>();
            long allocated = 0;
            long peakHeap = 0;
            for (int i = 0; i <= repeats; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                using var sampler = new HeapSampler();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                int exit = await PerstackCli.RunAsync(command, null, TextWriter.Null, TextWriter.Null, _ => null).ConfigureAwait(false);
                watch.Stop();
                if (exit != 0)
                {
                    throw new InvalidOperationException($"perstack {string.Join(' ', command)} exited {exit}");
                }

                if (i > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                    allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                    peakHeap = Math.Max(peakHeap, sampler.Peak);
                }
            }

            times.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(Invariant,
                $"  {name,-24} {times[0],6:F0} / {times[times.Count / 2],6:F0} / {times[^1],6:F0} ms wall   {cpu[0],6:F0} / {cpu[cpu.Count / 2],6:F0} / {cpu[^1],6:F0} ms CPU   allocated {allocated / 1048576.0,7:F1} MB/run   GC heap peak {peakHeap / 1048576.0,6:F1} MB"));
        }
    }

    private static string Size(string root) =>
        (Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576.0).ToString("F0", Invariant);

    /// <summary>Samples the GC heap size every millisecond while alive, keeping the peak.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private long _peak;

        public HeapSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(forceFullCollection: false)));
                    Thread.Sleep(1);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public long Peak => Interlocked.Read(ref _peak);

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _stop.Dispose();
        }
    }
}
