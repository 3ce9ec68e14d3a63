using Perstack.App.Features.Jobs;
using Perstack.Core.Jobs;

namespace Perstack.App.Tui.Screens.Actions;

/// <summary>The services the <c>jobs</c> commands run on, which the workbench's actions run on too (no second implementation).</summary>
internal sealed record JobOperations(JobForker Forker, JobsTitleHandler Titles, JobsExportHandler Exports, JobDeleter Deleter);
