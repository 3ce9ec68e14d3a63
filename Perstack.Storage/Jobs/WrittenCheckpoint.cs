using Perstack.Core.Storage;

namespace Perstack.Storage.Jobs;

/// <summary>A checkpoint header and when its file was written (epoch ms), what <see cref="JobDeriver"/> derives a job from.</summary>
/// <param name="Summary">The header.</param>
/// <param name="WrittenAtMs">The file's write time.</param>
internal sealed record WrittenCheckpoint(CheckpointSummary Summary, long WrittenAtMs);
