using Perstack.Core.Domain;
using Perstack.Core.Storage;

namespace Perstack.App.Features.Jobs;

/// <summary>A job with everything stored for it, read through the stores (<see cref="StoredJobReader"/>); unreadable files become problems.</summary>
internal sealed record StoredJob(Job Job, IReadOnlyList<CheckpointSummary> Headers, JobContents Contents, IReadOnlyList<StoreProblem> Problems);
