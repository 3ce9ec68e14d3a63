using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Screens.Experts;
using Perstack.Core.Domain;
using Perstack.Core.Search;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Shell;

/// <summary>What the workbench reads and starts.</summary>
internal sealed class WorkbenchServices
{
    public required IJobStore Jobs { get; init; }

    public required ICheckpointStore Checkpoints { get; init; }

    public required IEventStore Events { get; init; }

    public required IJobLocks Locks { get; init; }

    /// <summary>Run settings: the history filter matches each job's first query, read from them.</summary>
    public required IRunSettingStore RunSettings { get; init; }

    /// <summary>Full-text search over the history (Ctrl+F).</summary>
    public required IHistorySearch Search { get; init; }

    /// <summary>Rename, fork, export, delete: the services of the <c>jobs</c> commands.</summary>
    public required JobOperations Operations { get; init; }

    /// <summary>The <c>--storage-path</c>/<c>--config</c> a copied resume command carries.</summary>
    public ResumeFlags ResumeFlags { get; init; } = ResumeFlags.None;

    /// <summary>Configured experts (key, description) in toml order (called off the UI thread; may throw a PerstackException).</summary>
    public required Func<IReadOnlyList<ExpertChoice>> ConfiguredExperts { get; init; }

    /// <summary><c>&lt;root&gt;/jobs</c>, watched for changes; null = no watching.</summary>
    public string? JobsDirectory { get; init; }

    /// <summary>The clock the "3 min ago" times are measured with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The head of the store's cached listing (<see cref="IJobStore.ListCachedHeadAsync"/>), started before the terminal
    /// was set up when the History is the first screen, so it is read while the terminal library starts; the History's
    /// first load takes it for its first frame. Null: not read early.
    /// </summary>
    public Task<IReadOnlyList<Job>?>? EarlyCachedHead { get; init; }

    /// <summary>Runs a selection; null = browsing only.</summary>
    public IRunLauncher? Launcher { get; init; }
}
