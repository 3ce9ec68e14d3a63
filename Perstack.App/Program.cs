using Perstack.App.Cli;

OpenFileLimit.RaiseSoftLimit();

// The console initialises itself on its first write (terminfo, signal handling): do it now, while descriptors are
// free, so an error line can still be printed after a command ran out of them. Writes nothing.
Console.OpenStandardError().Write([]);
return await PerstackCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable).ConfigureAwait(false);
