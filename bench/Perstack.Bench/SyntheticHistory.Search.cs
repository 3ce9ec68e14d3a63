using System.Globalization;
using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;

namespace Perstack.Bench;

/// <summary>The history full-text search is measured on: jobs with checkpoints that hold a conversation.</summary>
public static partial class SyntheticHistory
{
    /// <summary>Jobs in the search data set.</summary>
    public const int SearchJobCount = 10_000;

    /// <summary>
    /// A storage root holding <paramref name="count"/> jobs, each with two checkpoints: a query (which names
    /// <c>ticket-&lt;n&gt;</c>, one job's own word) and two tool turns (file contents, command output, thoughts), the second
    /// checkpoint holding the first one's messages too, as checkpoints do. About 8 KB of text per job.
    /// </summary>
    public static string EnsureSearchStore(int count = SearchJobCount) =>
        Ensure($"search-{count}-v{FormatVersion}", root => GenerateSearchJobs(root, count));

    private static void GenerateSearchJobs(string root, int count)
    {
        var random = new Random(Seed + 2);
        const long spacing = 2_600_000;
        var expert = new ExpertRef { Key = "bug-hunter", Name = "bug-hunter", Version = "1.0.0" };
        for (int i = 0; i < count; i++)
        {
            var job = NewJob(random, startedAt: Epoch2025 + (i * spacing)) with { CoordinatorExpertKey = expert.Key, TotalSteps = 2, Status = JobStatus.Completed };
            var directory = Path.Combine(root, "jobs", job.Id.Value);
            var checkpoints = Path.Combine(directory, "checkpoints");
            Directory.CreateDirectory(checkpoints);
            File.WriteAllBytes(Path.Combine(directory, "job.json"), JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented));

            var user = new UserMessage
            {
                Id = NewId(random),
                Contents = [new TextPart { Id = NewId(random), Text = string.Create(CultureInfo.InvariantCulture, $"Fix ticket-{i}: ") + Prose(random, random.Next(100, 400)) }],
            };
            var first = NewPair(random);
            var second = NewPair(random);
            var runId = RunId.Parse(NewId(random));
            CheckpointId? parent = null;
            List<Message> messages = [user, first.Expert, first.Tool];
            for (int step = 1; step <= 2; step++)
            {
                if (step == 2)
                {
                    messages = [.. messages, second.Expert, second.Tool];
                }

                var id = CheckpointId.Parse(NewId(random));
                var checkpoint = new Checkpoint
                {
                    Id = id,
                    JobId = job.Id,
                    RunId = runId,
                    Status = step == 2 ? CheckpointStatus.Completed : CheckpointStatus.Proceeding,
                    StepNumber = step,
                    Messages = messages,
                    Expert = expert,
                    Usage = job.Usage,
                    Sequence = step,
                    ParentCheckpointId = parent,
                };
                File.WriteAllBytes(Path.Combine(checkpoints, id.Value + ".json"), JsonSerializer.SerializeToUtf8Bytes(checkpoint, PerstackJson.Checkpoint));
                parent = id;
            }
        }
    }
}
