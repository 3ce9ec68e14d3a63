using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Json;

namespace Perstack.Bench;

/// <summary>
/// Deterministic (fixed-seed) synthetic Perstack histories for the benchmarks, written in exactly the format
/// the stores write (<see cref="PerstackJson"/> type infos), straight to disk without fsync so generation takes
/// seconds. Each data set lives in its own folder under the temp dir and is generated once: a marker file written
/// last says the folder is complete, and a folder with the marker is reused as it is.
/// </summary>
public static partial class SyntheticHistory
{
    /// <summary>Number of jobs in the jobs-list store.</summary>
    public const int JobCount = 10_000;

    /// <summary>Number of checkpoints of the one job in the checkpoint store.</summary>
    public const int CheckpointCount = 1_000;

    /// <summary>Target size of one checkpoint file, bytes.</summary>
    public const int CheckpointBytes = 100_000;

    /// <summary>Bump when the generated data changes, so stale folders are not reused.</summary>
    private const int FormatVersion = 1;

    private const string MarkerFileName = ".generated";
    private const int Seed = 20_240_601;
    private const long Epoch2025 = 1_735_689_600_000; // 2025-01-01T00:00:00Z, ms

    private static readonly JsonTypeInfo<Message> MessageInfo =
        (JsonTypeInfo<Message>)PerstackJson.Compact.GetTypeInfo(typeof(Message));

    /// <summary>The job id of the checkpoint store's job (fixed, so benchmarks can name it).</summary>
    public static JobId CheckpointJobId { get; } = JobId.Parse("bench1000checkpoints0000");

    /// <summary>The user cache folder the benchmarks' stores keep their caches in (the jobs index, checkpoint indexes).</summary>
    public static string CacheHome => Path.Combine(DataRoot, "cache");

    /// <summary>The layout of the store at <paramref name="root"/>, with its caches under <see cref="CacheHome"/>.</summary>
    public static Perstack.Storage.Files.StorageLayout Layout(string root) =>
        new(new Perstack.Storage.StorageOptions(root) { CacheHome = CacheHome });

    /// <summary>Root of every generated data set (override with <c>PERSTACK_BENCH_DATA</c>).</summary>
    public static string DataRoot =>
        Environment.GetEnvironmentVariable("PERSTACK_BENCH_DATA") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Path.GetTempPath(), "perstack-bench");

    /// <summary>A storage root holding <paramref name="count"/> jobs (<c>jobs/&lt;id&gt;/job.json</c> only); the same seed,
    /// so a smaller store's jobs are the first jobs of a larger one.</summary>
    public static string EnsureJobsStore(int count = JobCount) =>
        Ensure($"jobs-{count}-v{FormatVersion}", root => GenerateJobs(root, count));

    /// <summary>Jobs in the large history the TUI benchmark browses.</summary>
    public const int LargeJobCount = 100_000;

    /// <summary>A storage root holding <see cref="LargeJobCount"/> jobs, the same data set as <c>--generate-jobs 100000</c>.</summary>
    public static string EnsureLargeJobsStore() => EnsureJobsStore(LargeJobCount);

    /// <summary>A storage root holding one job (<see cref="CheckpointJobId"/>) with <see cref="CheckpointCount"/> checkpoints.</summary>
    public static string EnsureCheckpointStore()
    {
        var root = Ensure($"checkpoints-{CheckpointCount}x{CheckpointBytes / 1000}k-v{FormatVersion}", GenerateCheckpoints);

        // job.json, for `perstack jobs show` (bench/jobs-wall.sh); added here so data sets generated without it still serve.
        var jobFile = Path.Combine(root, "jobs", CheckpointJobId.Value, "job.json");
        if (!File.Exists(jobFile))
        {
            var job = new Job
            {
                Id = CheckpointJobId,
                Status = JobStatus.Completed,
                CoordinatorExpertKey = ExpertKeys[0],
                TotalSteps = CheckpointCount,
                Usage = Usage.Empty,
                StartedAt = Epoch2025,
                FinishedAt = Epoch2025 + 3_600_000,
            };
            File.WriteAllBytes(jobFile, JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented));
        }

        return root;
    }

    private static string Ensure(string name, Action<string> generate)
    {
        var root = Path.Combine(DataRoot, name);
        var marker = Path.Combine(root, MarkerFileName);
        if (File.Exists(marker))
        {
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true); // a half-written earlier attempt
        }

        Directory.CreateDirectory(root);
        var started = DateTime.UtcNow;
        generate(root);
        File.WriteAllText(marker, $"generated {DateTime.UtcNow:O} in {(DateTime.UtcNow - started).TotalSeconds:F1}s, seed {Seed}\n");
        return root;
    }

    // ---------------------------------------------------------------- jobs

    private static readonly string[] ExpertKeys =
    [
        "@perstack/create-expert", "@perstack/base-coder@1.4.2", "my-coder", "tic-tac-toe", "research-assistant",
        "@acme/support-triage@0.9.0", "@acme/release-notes@2.1.0", "game-dev-team", "bug-hunter", "doc-writer",
    ];

    private static void GenerateJobs(string root, int count)
    {
        var random = new Random(Seed);
        var jobsDirectory = Path.Combine(root, "jobs");
        Directory.CreateDirectory(jobsDirectory);

        // Unique start times spread over ~10 months, in random order relative to folder names.
        const long spacing = 2_600_000; // ~43 min between consecutive jobs
        for (int i = 0; i < count; i++)
        {
            var job = NewJob(random, startedAt: Epoch2025 + (i * spacing) + random.NextInt64(spacing / 2));
            var directory = Path.Combine(jobsDirectory, job.Id.Value);
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "job.json"), JsonSerializer.SerializeToUtf8Bytes(job, PerstackJson.JobIndented));
        }
    }

    private static Job NewJob(Random random, long startedAt)
    {
        int roll = random.Next(100);
        var status = roll switch
        {
            < 70 => JobStatus.Completed,
            < 80 => JobStatus.StoppedByError,
            < 88 => JobStatus.StoppedByInteractiveTool,
            < 95 => JobStatus.StoppedByMaxSteps,
            _ => JobStatus.Running,
        };
        long? maxSteps = status == JobStatus.StoppedByMaxSteps || random.Next(2) == 0 ? (random.Next(4) + 1) * 50 : null;
        long totalSteps = status == JobStatus.StoppedByMaxSteps ? maxSteps!.Value : random.Next(1, (int)(maxSteps ?? 200) + 1);
        var usage = RandomUsage(random, totalSteps);
        return new Job
        {
            Id = JobId.Parse(NewId(random)),
            Status = status,
            CoordinatorExpertKey = ExpertKeys[random.Next(ExpertKeys.Length)],
            TotalSteps = totalSteps,
            MaxSteps = maxSteps,
            Usage = usage,
            StartedAt = startedAt,
            FinishedAt = status == JobStatus.Running ? null : startedAt + (totalSteps * random.Next(2_000, 30_000)),
        };
    }

    private static Usage RandomUsage(Random random, long steps)
    {
        long input = steps * random.Next(2_000, 40_000);
        long output = steps * random.Next(50, 2_000);
        long reasoning = random.Next(3) == 0 ? steps * random.Next(0, 1_500) : 0;
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            ReasoningTokens = reasoning,
            TotalTokens = input + output + reasoning,
            CachedInputTokens = input * random.Next(0, 90) / 100,
        };
    }

    // ---------------------------------------------------------------- checkpoints

    private static readonly string[] Words =
    [
        "the", "expert", "file", "test", "function", "return", "value", "should", "update", "config", "build", "error",
        "result", "check", "module", "import", "export", "async", "await", "string", "number", "array", "object",
        "handler", "request", "response", "cache", "index", "storage", "checkpoint", "job", "run", "step", "tool",
        "message", "delegate", "schema", "parse", "validate", "render", "component", "state", "effect", "query",
        "because", "then", "when", "which", "first", "next", "finally", "make", "sure", "that", "it", "is", "a", "to",
    ];

    private sealed record Pair(ExpertMessage Expert, ToolMessage Tool, int Bytes);

    private static void GenerateCheckpoints(string root)
    {
        var random = new Random(Seed + 1);
        var jobId = CheckpointJobId;
        var directory = Path.Combine(root, "jobs", jobId.Value, "checkpoints");
        Directory.CreateDirectory(directory);

        var instruction = new InstructionMessage
        {
            Id = NewId(random),
            Contents = [new TextPart { Id = NewId(random), Text = Prose(random, 6_000) }],
            Cache = true,
        };
        var user = new UserMessage
        {
            Id = NewId(random),
            Contents = [new TextPart { Id = NewId(random), Text = Prose(random, 600) }],
        };
        int fixedBytes = SizeOf(instruction) + SizeOf(user) + 1_200; // + the checkpoint's own fields

        // A pool of expert/tool turns; each checkpoint holds a different window of it, ~100 KB in all.
        var pool = new Pair[300];
        for (int i = 0; i < pool.Length; i++)
        {
            pool[i] = NewPair(random);
        }

        var coordinator = new ExpertRef { Key = "game-dev-team", Name = "game-dev-team", Version = "1.0.0" };
        var delegate_ = new ExpertRef { Key = "@acme/level-designer@0.3.1", Name = "level-designer", Version = "0.3.1" };
        var runId = RunId.Parse(NewId(random));
        CheckpointId? parent = null;
        CheckpointId? delegatingCheckpoint = null;
        var usage = Usage.Empty;

        for (int step = 1; step <= CheckpointCount; step++)
        {
            if (step % 100 == 1)
            {
                runId = RunId.Parse(NewId(random)); // a continuation starts a new run
            }

            var messages = new List<Message> { instruction, user };
            int bytes = fixedBytes;
            for (int k = (step * 37) % pool.Length; bytes < CheckpointBytes; k = (k + 1) % pool.Length)
            {
                messages.Add(pool[k].Expert);
                messages.Add(pool[k].Tool);
                bytes += pool[k].Bytes;
            }

            // Steps 41–50 of every hundred run a delegate; step 40 waits for it.
            int inHundred = step % 100;
            bool isDelegate = inHundred is > 40 and <= 50;
            var status = step == CheckpointCount ? CheckpointStatus.Completed
                : inHundred == 40 ? CheckpointStatus.StoppedByDelegate
                : inHundred == 75 ? CheckpointStatus.StoppedByInteractiveTool
                : step == 555 ? CheckpointStatus.StoppedByError
                : CheckpointStatus.Proceeding;
            usage = usage.Add(RandomUsage(random, 1));
            var id = CheckpointId.Parse(NewId(random));
            var checkpoint = new Checkpoint
            {
                Id = id,
                JobId = jobId,
                RunId = runId,
                Status = status,
                StepNumber = step,
                Messages = messages,
                Expert = isDelegate ? delegate_ : coordinator,
                Usage = usage,
                ContextWindow = 200_000,
                ContextWindowUsage = Math.Round(bytes / 4.0 / 200_000, 4),
                DelegatedBy = isDelegate && delegatingCheckpoint is { } by
                    ? new DelegatedBy { Expert = coordinator, ToolCallId = "toolu_" + NewId(random), ToolName = "level-designer", CheckpointId = by, RunId = runId }
                    : null,
                Error = status == CheckpointStatus.StoppedByError
                    ? new CheckpointError { Name = "APICallError", Message = "Overloaded", StatusCode = 529, IsRetryable = true }
                    : null,
                RetryCount = step == 555 ? 3 : null,
                Sequence = step,
                ParentCheckpointId = parent,
            };

            File.WriteAllBytes(Path.Combine(directory, id.Value + ".json"), JsonSerializer.SerializeToUtf8Bytes(checkpoint, PerstackJson.Checkpoint));
            parent = id;
            if (status == CheckpointStatus.StoppedByDelegate)
            {
                delegatingCheckpoint = id;
            }
        }
    }

    private static Pair NewPair(Random random)
    {
        var toolCallId = "toolu_" + NewId(random);
        string toolName;
        JsonElement args;
        string resultText;
        switch (random.Next(4))
        {
            case 0:
                toolName = "readTextFile";
                args = Args(w => w.WriteString("path", SourcePath(random)));
                resultText = Code(random, random.Next(1_500, 6_000));
                break;
            case 1:
                toolName = "writeTextFile";
                args = Args(w =>
                {
                    w.WriteString("path", SourcePath(random));
                    w.WriteString("text", Code(random, random.Next(800, 4_000)));
                });
                resultText = "{\"path\":\"written\",\"bytes\":" + random.Next(800, 4_000).ToString(CultureInfo.InvariantCulture) + "}";
                break;
            case 2:
                toolName = "exec";
                args = Args(w =>
                {
                    w.WriteString("command", "npm");
                    w.WriteStartArray("args");
                    w.WriteStringValue("test");
                    w.WriteStringValue("--");
                    w.WriteStringValue(SourcePath(random));
                    w.WriteEndArray();
                    w.WriteString("cwd", "/workspace");
                    w.WriteNumber("timeout", 60_000);
                });
                resultText = Prose(random, random.Next(500, 3_000));
                break;
            default:
                toolName = "think";
                args = Args(w => w.WriteString("thought", Prose(random, random.Next(200, 1_200))));
                resultText = "Thought recorded.";
                break;
        }

        List<MessagePart> expertParts = [new ToolCallPart { Id = NewId(random), ToolCallId = toolCallId, ToolName = toolName, Args = args }];
        if (random.Next(3) == 0)
        {
            expertParts.Add(new TextPart { Id = NewId(random), Text = Prose(random, random.Next(100, 600)) });
        }

        var expert = new ExpertMessage { Id = NewId(random), Contents = expertParts };
        var tool = new ToolMessage
        {
            Id = NewId(random),
            Contents =
            [
                new ToolResultPart
                {
                    Id = NewId(random),
                    ToolCallId = toolCallId,
                    ToolName = toolName,
                    Contents = [new TextPart { Id = NewId(random), Text = resultText }],
                },
            ],
        };
        return new Pair(expert, tool, SizeOf(expert) + SizeOf(tool) + 2);
    }

    private static JsonElement Args(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static int SizeOf(Message message) => JsonSerializer.SerializeToUtf8Bytes(message, MessageInfo).Length;

    private static string SourcePath(Random random) =>
        $"src/{Words[random.Next(Words.Length)]}/{Words[random.Next(Words.Length)]}-{random.Next(100)}.ts";

    private static string Prose(Random random, int length)
    {
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]);
            text.Append(random.Next(12) switch { 0 => ". ", 1 => ", ", 2 => "\n", _ => " " });
        }

        return text.ToString();
    }

    private static string Code(Random random, int length)
    {
        var text = new StringBuilder(length + 64);
        while (text.Length < length)
        {
            string a = Words[random.Next(Words.Length)], b = Words[random.Next(Words.Length)];
            text.Append(random.Next(4) switch
            {
                0 => $"export async function {a}_{b}(input: string): Promise<number> {{\n",
                1 => $"  const {a} = await {b}(\"{a}-{random.Next(1_000)}\");\n",
                2 => $"  if ({a}.length > {random.Next(64)}) {{ return {b}; }}\n",
                _ => "}\n\n",
            });
        }

        return text.ToString();
    }

    /// <summary>A cuid2-shaped id from the seeded generator (same shape as <see cref="IdGenerator"/>).</summary>
    private static string NewId(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        const string base36 = "0123456789abcdefghijklmnopqrstuvwxyz";
        return string.Create(IdGenerator.Length, random, static (chars, r) =>
        {
            chars[0] = letters[r.Next(letters.Length)];
            for (int i = 1; i < chars.Length; i++)
            {
                chars[i] = base36[r.Next(base36.Length)];
            }
        });
    }
}
