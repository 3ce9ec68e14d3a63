using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Perstack.Bench;

switch (args)
{
    case ["--generate"]:
        // Generate (or find) the data sets without running anything.
        Console.WriteLine(SyntheticHistory.EnsureJobsStore());
        Console.WriteLine(SyntheticHistory.EnsureCheckpointStore());
        break;

    case ["--generate-jobs", var jobCount]:
        // A jobs store of any size, e.g. 100000 for bench/jobs-wall.sh.
        Console.WriteLine(SyntheticHistory.EnsureJobsStore(int.Parse(jobCount, System.Globalization.CultureInfo.InvariantCulture)));
        break;

    case ["--generate-large"]:
        // The 100,000-job history the TUI benchmarks browse (bench/tui-first-frame.sh, --tui).
        Console.WriteLine(SyntheticHistory.EnsureLargeJobsStore());
        break;

    case ["--profile", var name, ..]:
        // Runs one benchmark method in this process, for strace/perf: --profile JobsListBenchmarks.Store [count]
        int count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var elapsed = await ProfileRunner.RunAsync(name, count).ConfigureAwait(false);
        Console.WriteLine($"{name}: {count} runs, {elapsed.TotalMilliseconds / count:F1} ms each");
        break;

    case [var mode, ..] when LogTools.Handles(mode): await LogTools.RunAsync(args).ConfigureAwait(false); break; // perstack log: --log-generate, --log-stream

    case ["--tui", ..]:
        // The workbench over 100,000 jobs, headless: first frame, then keystroke to frame (min/median/max) on stderr.
        // --tui [rounds] [--cached-filter]: with --cached-filter, / and a first letter are timed on the cached rows too.
        await TuiBench.RunAsync(
            args.Length > 1 && args[1] != "--cached-filter" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
            args.Contains("--cached-filter")).ConfigureAwait(false);
        break;

    case ["--search", ..]:
        // Full-text search over 10,000 jobs: index build, first results from the cache file, keystroke searches.
        await SearchBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50).ConfigureAwait(false);
        break;

    case [var mode, ..] when DelegationDiskBench.Handles(mode): await DelegationDiskBench.RunAsync(args).ConfigureAwait(false); break; // disk per step of a delegation-heavy job

    case [var mode, ..] when RunTools.Handles(mode): await RunTools.RunAsync(args).ConfigureAwait(false); break; // runtime benchmarks: --scripted-llm, --run-breakdown

    default:
        // A loaded 2-core machine can take longer than BenchmarkDotNet's default 2 minutes to build a benchmark project.
        BenchmarkSwitcher.FromAssembly(typeof(SyntheticHistory).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
        break;
}
