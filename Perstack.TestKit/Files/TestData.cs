using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;

namespace Perstack.TestKit.Files;

/// <summary>Small, valid domain objects for store tests.</summary>
internal static class TestData
{
    public static ExpertRef Expert { get; } = new() { Key = "my-expert", Name = "my-expert", Version = "1.0.0" };

    public static Job Job(string id, long startedAt = 1_700_000_000_000, JobStatus status = JobStatus.Completed) => new()
    {
        Id = JobId.Parse(id),
        Status = status,
        CoordinatorExpertKey = "my-expert",
        TotalSteps = 3,
        Usage = new Usage { InputTokens = 10, OutputTokens = 5, TotalTokens = 15 },
        StartedAt = startedAt,
        FinishedAt = startedAt + 1000,
    };

    public static Checkpoint Checkpoint(JobId jobId, long stepNumber, string? id = null, RunId? runId = null) => new()
    {
        Id = id is null ? CheckpointId.New() : CheckpointId.Parse(id),
        JobId = jobId,
        RunId = runId ?? RunId.Parse("run-1"),
        Status = CheckpointStatus.Proceeding,
        StepNumber = stepNumber,
        Messages =
        [
            new InstructionMessage { Id = "m0", Contents = [new TextPart { Id = "p0", Text = "You are a test." }], Cache = true },
            new UserMessage { Id = $"m{stepNumber}", Contents = [new TextPart { Id = $"p{stepNumber}", Text = $"step {stepNumber}" }] },
        ],
        Expert = Expert,
        Usage = new Usage { InputTokens = 100 * stepNumber, OutputTokens = 10 * stepNumber, TotalTokens = 110 * stepNumber },
        ContextWindow = 200_000,
        ContextWindowUsage = 0.25,
    };

    public static StartGenerationEvent StartGeneration(JobId jobId, RunId runId, long timestamp, long stepNumber, string id) => new()
    {
        Id = id,
        ExpertKey = Expert.Key,
        Timestamp = timestamp,
        JobId = jobId,
        RunId = runId,
        StepNumber = stepNumber,
        Messages = [new UserMessage { Id = "m1", Contents = [new TextPart { Id = "p1", Text = "hello " + id }] }],
    };

    public static RunSetting RunSetting(JobId jobId, RunId runId, IReadOnlyDictionary<string, string> env) => new()
    {
        Model = "claude-sonnet-4-5",
        ProviderConfig = new ProviderConfig { ProviderName = "anthropic", BaseUrl = "http://127.0.0.1:8765/v1" },
        JobId = jobId,
        RunId = runId,
        ExpertKey = Expert.Key,
        Input = new RunInput { Text = "do it" },
        Temperature = 0.3,
        StartedAt = 1_700_000_000_000,
        UpdatedAt = 1_700_000_000_000,
        Env = env,
        EnvNames = [.. env.Keys],
    };

}
