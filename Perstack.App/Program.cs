using Perstack.App.Cli;
using Perstack.App.Security;

// First, before any child process can exist: provider keys out of this process's environment, and (Linux) its
// /proc/<pid>/environ closed to other processes of the user.
var environment = ProcessHardening.Apply();
return await PerstackCli.RunAsync(args, Console.Out, Console.Error, environment.Get).ConfigureAwait(false);
