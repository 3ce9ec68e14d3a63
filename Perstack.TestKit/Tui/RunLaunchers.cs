using System.Collections;
using Perstack.App.Features.Run;
using Perstack.App.Providers;
using Perstack.App.Tui.Screens.Execution;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Storage;
using Perstack.Skills;
using Perstack.Storage;
using Perstack.TestKit.Files;

namespace Perstack.TestKit.Tui;

/// <summary>The TUI's run launcher over given stores, wired as the app wires it, with a given process environment.</summary>
internal static class RunLaunchers
{
    /// <summary>A launcher that runs with <paramref name="flags"/> and writes to <paramref name="stores"/>.</summary>
    public static TuiRunLauncher For(Stores stores, RunOverrides flags, Func<IDictionary> environment)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var history = new HistoryLocation(stores.Layout.Root, stores.Layout.JobsDirectory);
        var runs = new RunService(
            new ContinueResolver(stores.Jobs, stores.Checkpoints, stores.Locks),
            new ChatClientFactory(),
            new JobRunner(new WriteBehindRunStoresFactory(stores.Layout, stores.Locks), stores.Locks, TimeProvider.System),
            new RunSkillsFactory(history),
            environment);
        return new TuiRunLauncher(runs, flags);
    }
}
