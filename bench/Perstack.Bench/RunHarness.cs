using System.Text.Json;
using Microsoft.Extensions.AI;
using Perstack.App.Providers;
using Perstack.Core.Config;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Json;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Core.Storage;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Storage;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;
using Perstack.TestKit.Conformance;
using Perstack.TestKit.Files;

namespace Perstack.Bench;

/// <summary>
/// The pipeline <c>perstack run fake-basic "Say hello"</c> builds (see <c>RunHandler</c>), from the public types:
/// the conformance perstack.toml, the <c>File*Store</c>s under <c>&lt;root&gt;/perstack</c>, the built-in base skill,
/// <see cref="JobRunner"/>, and a <see cref="StoringEventSink"/> that also writes each event as an NDJSON line (to
/// <see cref="TextWriter.Null"/>, as the CLI writes it to stdout). Each <see cref="RunJobAsync"/> is a new job, through
/// its own <see cref="WriteBehindStores"/> as <c>RunService</c> does (or, for comparison, stores that write immediately).
/// </summary>
internal sealed class RunHarness
{
    public const string ExpertKey = "fake-basic";
    public const string Query = "Say hello";
    public const string Model = "claude-sonnet-4-5";

    /// <summary>Steps of a fake-basic job: think, then attemptCompletion (plus the run-result call without tools).</summary>
    public const int StepsPerJob = 2;

    /// <summary>Model calls of a fake-basic job.</summary>
    public const int CallsPerJob = 3;

    private readonly PerstackConfig _config;
    private readonly StorageLayout _layout;
    private readonly IJobLocks _locks;
    private readonly StorageTimings? _timings;
    private readonly bool _writeBehind;

    public RunHarness(string root, string baseUrl, StorageTimings? timings = null, bool writeBehind = true)
    {
        Root = root;
        Directory.CreateDirectory(root);
        _config = PerstackConfigParser.Parse(ConformanceToml.Text.Replace("<base-url>", baseUrl, StringComparison.Ordinal), Path.Combine(root, "perstack.toml"));
        Experts = _config.Experts.ToDictionary(e => e.Key, StringComparer.Ordinal);

        _layout = new StorageLayout(new StorageOptions(Path.Combine(root, "perstack")));
        _locks = new FileJobLocks(_layout);
        _timings = timings;
        _writeBehind = writeBehind;
    }

    public string Root { get; }

    public IReadOnlyDictionary<string, Expert> Experts { get; }

    /// <summary>The CLI's chat client for the conformance toml: Anthropic SDK over HTTP, with our retry and timeout decorators.</summary>
    public IChatClient CreateAnthropicClient() => new ChatClientFactory().Create(new ProviderRequest
    {
        Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = Model },
        Setting = _config.ProviderSetting,
        Environment = name => name == "ANTHROPIC_API_KEY" ? "sk-ant-bench-0123456789" : null,
    });

    /// <summary>The in-process conformance client behind the same decorators the factory adds.</summary>
    public static IChatClient CreateInstantClient(InstantConformanceChatClient inner) => new ChatClientBuilder(inner)
        .UseRetries(retry => retry.MaxRetries = ModelSettings.DefaultMaxRetries)
        .UseTimeout(TimeSpan.FromMilliseconds(300_000))
        .Build();

    /// <summary>Runs <c>fake-basic "Say hello"</c> as a new job; returns the final checkpoint.</summary>
    public async Task<Checkpoint> RunJobAsync(IChatClient chat)
    {
        if (!_writeBehind)
        {
            return await RunJobAsync(chat, new FileJobStore(_layout, _locks), new FileCheckpointStore(_layout), new FileEventStore(_layout),
                new FileRunSettingStore(_layout), ImmediateStoreCommits.Instance).ConfigureAwait(false);
        }

        var stores = new WriteBehindStores(_layout, _locks);
        await using (stores.ConfigureAwait(false))
        {
            return await RunJobAsync(chat, stores.Jobs, stores.Checkpoints, stores.Events, stores.RunSettings, stores.Commits).ConfigureAwait(false);
        }
    }

    private Task<Checkpoint> RunJobAsync(IChatClient chat, IJobStore jobs, ICheckpointStore checkpoints, IEventStore events, IRunSettingStore runSettings, IStoreCommits commits)
    {
        if (_timings is { } timings)
        {
            jobs = new TimedJobStore(jobs, timings);
            checkpoints = new TimedCheckpointStore(checkpoints, timings);
            events = new TimedEventStore(events, timings);
            runSettings = new TimedRunSettingStore(runSettings, timings);
            commits = new TimedCommits(commits, timings);
        }

        var runner = new JobRunner(new FixedRunStoresFactory(jobs, checkpoints, events, runSettings, commits), _locks, TimeProvider.System);
        return runner.RunAsync(NewRequest(), chat, new SkillSetFactory(new BaseSkillOptions(Root)), new NdjsonSink(TextWriter.Null));
    }

    private JobRunRequest NewRequest() =>
        new JobRunRequest
        {
            JobId = JobId.New(),
            ExpertKey = Core.Domain.Experts.ExpertKey.Parse(ExpertKey),
            Input = new RunInput { Text = Query },
            Experts = Experts,
            Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = Model, Temperature = _config.Temperature ?? ModelSettings.DefaultTemperature },
            Provider = ProviderConfig.For(ProviderName.Anthropic, _config.ProviderSetting),
            EnvNames = ["ANTHROPIC_API_KEY"],
            WorkingDirectory = Root,
        };

    /// <summary>Throws unless the job ran as the conformance script says: completed after exactly <paramref name="steps"/> steps.</summary>
    public static void Check(Checkpoint final, int steps = StepsPerJob)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (final.Status != CheckpointStatus.Completed || final.StepNumber != steps)
        {
            throw new InvalidOperationException(
                $"Benchmark sanity check failed: the job ended {final.Status} at step {final.StepNumber} ({final.Error?.Message}), expected completed at step {steps}");
        }
    }

    /// <summary>The CLI's stdout writer (<c>NdjsonEventWriter</c> is internal to the app): one compact JSON line per event.</summary>
    private sealed class NdjsonSink(TextWriter output) : IRunEventSink
    {
        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
        {
            output.WriteLine(JsonSerializer.Serialize(runEvent, PerstackJson.RunEvent));
            output.Flush();
            return ValueTask.CompletedTask;
        }

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
