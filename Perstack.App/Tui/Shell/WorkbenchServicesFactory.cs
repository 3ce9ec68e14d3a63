using Perstack.App.Features.Run;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Screens.Experts;
using Perstack.Core.Config;
using Perstack.Core.Runs;
using Perstack.Core.Search;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// Makes the workbench's services for one <c>perstack start</c>: the stores and the history's jobs folder from the
/// container, the run flags from the command line (the launcher's settings and where perstack.toml is, which a copied
/// resume command carries too).
/// </summary>
internal sealed class WorkbenchServicesFactory(
    IJobStore jobs, ICheckpointStore checkpoints, IEventStore events, IJobLocks locks, IRunSettingStore runSettings, HistoryLocation history, RunService runs,
    IHistorySearch search, JobOperations operations)
{
    /// <summary>The services; with <paramref name="readHistoryEarly"/> the cached listing's head starts being read at once (see <see cref="WorkbenchServices.EarlyCachedHead"/>).</summary>
    public WorkbenchServices Create(RunOverrides flags, bool readHistoryEarly = false)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new WorkbenchServices
        {
            Jobs = jobs,
            Checkpoints = checkpoints,
            Events = events,
            Locks = locks,
            RunSettings = runSettings,
            Search = search,
            Operations = operations,
            ResumeFlags = new ResumeFlags(history.Root, flags.ConfigPath is { Length: > 0 } config ? Path.GetFullPath(config, flags.WorkingDirectory) : null),
            ConfiguredExperts = () => ConfigFileLocator.Load(flags.WorkingDirectory, flags.ConfigPath).Experts.Select(e => new ExpertChoice(e.Key, e.Description)).ToList(),
            JobsDirectory = history.JobsDirectory,
            Launcher = new TuiRunLauncher(runs, flags),
            EarlyCachedHead = readHistoryEarly ? Task.Run(() => jobs.ListCachedHeadAsync()) : null,
        };
    }
}
