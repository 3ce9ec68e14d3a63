using BenchmarkDotNet.Running;
using Perstack.Bench;

if (args is ["--generate"])
{
    // Generate (or find) the data sets without running anything.
    Console.WriteLine(SyntheticHistory.EnsureJobsStore());
    Console.WriteLine(SyntheticHistory.EnsureCheckpointStore());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SyntheticHistory).Assembly).Run(args);
