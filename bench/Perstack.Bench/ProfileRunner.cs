using System.Diagnostics;

namespace Perstack.Bench;

/// <summary>Runs one benchmark method repeatedly in this process (no BenchmarkDotNet), so strace or perf can watch it.</summary>
internal static class ProfileRunner
{
    public static async Task<TimeSpan> RunAsync(string name, int count)
    {
        Func<Task> run;
        switch (name)
        {
            case "JobsListBenchmarks.Store":
            case "JobsListBenchmarks.ReferenceStyle":
                var jobs = new JobsListBenchmarks();
                jobs.Setup();
                run = name.EndsWith(".Store", StringComparison.Ordinal) ? jobs.Store : () => Task.FromResult(jobs.ReferenceStyle());
                break;
            case "CheckpointListBenchmarks.Store":
            case "CheckpointListBenchmarks.StoreColdIndex":
            case "CheckpointListBenchmarks.FullParse":
                var checkpoints = new CheckpointListBenchmarks(); // lives until the process ends
                checkpoints.Setup();
                run = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
                {
                    "Store" => checkpoints.Store,
                    "StoreColdIndex" => () => { checkpoints.DeleteIndex(); return checkpoints.StoreColdIndex(); },
                    _ => () => Task.FromResult(checkpoints.FullParse()),
                };
                break;
            default:
                throw new ArgumentException($"unknown benchmark {name}", nameof(name));
        }

        await run().ConfigureAwait(false); // warm up (JIT, page cache)
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            await run().ConfigureAwait(false);
        }

        return stopwatch.Elapsed;
    }
}
