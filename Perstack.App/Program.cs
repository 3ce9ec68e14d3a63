using Perstack.App.Cli;
using Perstack.App.Security;

OpenFileLimit.RaiseSoftLimit();
OpenFileLimit.Prepare();

// First, before any child process can exist: provider keys out of this process's environment, and (Linux) its
// /proc/<pid>/environ closed to other processes of the user.
var environment = ProcessHardening.Apply();

// The console initialises itself on its first write (terminfo, signal handling): do it now, while descriptors are
// free, so an error line can still be printed after a command ran out of them. Writes nothing.
Console.OpenStandardError().Write([]);
return await PerstackCli.RunAsync(args, Console.Out, Console.Error, environment.Get).ConfigureAwait(false);
