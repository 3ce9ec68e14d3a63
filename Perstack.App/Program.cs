using Perstack.App.Cli;
using Perstack.App.Security;
using Perstack.App.Tui.Driver;

OpenFileLimit.RaiseSoftLimit();
OpenFileLimit.Prepare();

// First, before any child process can exist: provider keys out of this process's environment, and (Linux) its
// /proc/<pid>/environ closed to other processes of the user.
var environment = ProcessHardening.Apply();

// The workbench cannot start before Terminal.Gui's configuration is applied (tens of milliseconds when the user
// configured Terminal.Gui; a few file checks otherwise): when the command looks like `start`, that begins now on
// another thread, while the command line is read and the stores are opened. Only a head start: the start command asks
// for it in any case.
if (args is ["start", ..])
{
    TerminalGuiConfiguration.StartApplying();
}

// The console initialises itself on its first write (terminfo, signal handling): do it now, while descriptors are
// free, so an error line can still be printed after a command ran out of them. Writes nothing.
Console.OpenStandardError().Write([]);
return await PerstackCli.RunAsync(args, Console.Out, Console.Error, environment.Get).ConfigureAwait(false);
