// Every fixture works in its own temp directories and never changes process-wide state (cwd, environment).
[assembly: Parallelizable(ParallelScope.Fixtures)]
