using System.Text.Json;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Domain.Runs;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;

// Usage:
//   StoreWriter write <root> <jobId>      take the job's lock, then forever: rewrite job.json (totalSteps = n)
//                                         and add the checkpoint of step n, payloads growing with n; prints
//                                         "ready" once the first step is written
//   StoreWriter run <root> <jobId>        as write, but each step is what a run writes: a run-setting.json
//                                         (every third step starts a new run), a startGeneration event, the
//                                         checkpoint, a second event and job.json, so a kill can land
//                                         in any of the four kinds of file
//   StoreWriter run-behind <root> <jobId> as run, through a run's write-behind stores (WriteBehindStores): the writes
//                                         queue up and land in groups; "ready" once the first step is on disk
//   StoreWriter hold-lock <root> <jobId>  take the job's lock, print "locked", then wait forever
// Either mode exits when its standard input closes, so a crashed test never leaves it running.
if (args.Length != 3 || args[0] is not ("write" or "run" or "run-behind" or "hold-lock"))
{
    await Console.Error.WriteLineAsync("usage: StoreWriter write|run|run-behind|hold-lock <root> <jobId>");
    return 2;
}

var layout = new StorageLayout(new StorageOptions(args[1]));
var jobId = JobId.Parse(args[2]);
var locks = new FileJobLocks(layout);

_ = Task.Run(() =>
{
    Console.In.ReadToEnd();
    Environment.Exit(3);
});

// A new job is created all at once with its lock, as a run creates one; an existing one is locked.
using var held = Directory.Exists(layout.JobDirectory(jobId))
    ? locks.Acquire(jobId)
    : await new FileJobStore(layout, locks).CreateAsync(new Job
    {
        Id = jobId,
        Status = JobStatus.Running,
        CoordinatorExpertKey = "writer",
        Usage = new Usage(),
        StartedAt = 1_700_000_000_000,
    });
if (args[0] == "hold-lock")
{
    Console.WriteLine("locked");
    await Task.Delay(Timeout.Infinite);
    return 0;
}

bool behind = args[0] == "run-behind";
var writeBehind = behind ? new WriteBehindStores(layout, locks) : null;
var jobs = writeBehind?.Jobs ?? new FileJobStore(layout, locks);
var checkpoints = writeBehind?.Checkpoints ?? new FileCheckpointStore(layout);
var existing = await jobs.GetAsync(jobId);
long step = existing?.TotalSteps ?? 0;
var runId = RunId.New();
bool asRun = args[0] is "run" or "run-behind";
var events = writeBehind?.Events ?? new FileEventStore(layout);
var runSettings = writeBehind?.RunSettings ?? new FileRunSettingStore(layout);

// "ready" comes after the first full iteration: the code is then warm, so a kill lands inside writes, not JIT.
for (long iteration = 1; ; iteration++)
{
    step++;

    // Payloads grow so that a torn write would show as truncated or mixed JSON; capped to bound disk use.
    int size = (int)Math.Min(step * 512, 64 * 1024);
    if (asRun)
    {
        runId = iteration % 3 == 1 ? RunId.New() : runId;
        await WriteRunFilesAsync(step, runId, size, iteration % 3 == 1);
    }

    var padding = JsonSerializer.SerializeToElement(new string((char)('a' + (step % 26)), size));
    await jobs.SaveAsync(new Job
    {
        Id = jobId,
        Status = JobStatus.Running,
        CoordinatorExpertKey = "writer",
        TotalSteps = step,
        Usage = new Usage { TotalTokens = step },
        StartedAt = 1_700_000_000_000,
        UnknownFields = new Dictionary<string, JsonElement> { ["padding"] = padding },
    });

    await checkpoints.SaveAsync(new Checkpoint
    {
        Id = CheckpointId.New(),
        JobId = jobId,
        RunId = runId,
        Status = CheckpointStatus.Proceeding,
        StepNumber = step,
        Messages =
        [
            new UserMessage
            {
                Id = $"m{step}",
                Contents = [new TextPart { Id = $"p{step}", Text = new string('x', size) }],
            },
        ],
        Expert = new ExpertRef { Key = "writer", Name = "writer", Version = "1.0.0" },
        Usage = new Usage { TotalTokens = step },
    });

    if (asRun)
    {
        await events.SaveAsync(Generation($"c{step}", step, runId, 64));
    }

    if (iteration == 1)
    {
        if (writeBehind is not null)
        {
            await writeBehind.Commits.CommitAsync();
        }

        Console.WriteLine("ready");
    }
}

async Task WriteRunFilesAsync(long step, RunId run, int size, bool newRun)
{
    if (newRun)
    {
        await runSettings.SaveAsync(new RunSetting
        {
            Model = "scripted",
            ProviderConfig = new ProviderConfig { ProviderName = "anthropic" },
            JobId = jobId,
            RunId = run,
            ExpertKey = "writer",
            Input = new RunInput { Text = new string('q', size) },
            StartedAt = step,
            UpdatedAt = step,
        });
    }

    await events.SaveAsync(Generation($"g{step}", step, run, size));
}

StartGenerationEvent Generation(string id, long step, RunId run, int size) => new()
{
    Id = id,
    ExpertKey = "writer",
    Timestamp = step,
    JobId = jobId,
    RunId = run,
    StepNumber = step,
    Messages = [new UserMessage { Id = $"e{step}", Contents = [new TextPart { Id = $"t{step}", Text = new string('e', size) }] }],
};
