using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Events;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Runtime;

/// <summary>
/// A <see cref="JobRunner"/> over real file stores in a temp folder (the workspace and <c>perstack/</c> under it),
/// recording every run event, for in-process runtime tests whose model is an <see cref="ExpertChatClient"/>.
/// </summary>
internal sealed class RuntimeHarness : IDisposable
{
    private readonly TempDirectory _temp = new();

    public RuntimeHarness()
    {
        Stores = new Stores(Path.Combine(_temp.Path, "perstack"));
    }

    public string Workspace => _temp.Path;

    public Stores Stores { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>A request for a new job of <paramref name="expertKey"/> (change it with <c>with</c>).</summary>
    public JobRunRequest Request(IReadOnlyDictionary<string, Expert> experts, string expertKey, string query) => new()
    {
        JobId = JobId.New(),
        ExpertKey = ExpertKey.Parse(expertKey),
        Input = new RunInput { Text = query },
        Experts = experts,
        Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = "claude-sonnet-4-5" },
        Provider = new ProviderConfig { ProviderName = "anthropic" },
        WorkingDirectory = Workspace,
    };

    /// <summary>Runs the request to its stop, storing as the CLI does; <paramref name="skills"/> replaces the app's skill set.</summary>
    public Task<Checkpoint> RunAsync(JobRunRequest request, IChatClient chat, ISkillSetFactory? skills = null, CancellationToken cancellationToken = default)
    {
        var runner = new JobRunner(new FixedRunStoresFactory(Stores), Stores.Locks, TimeProvider.System);
        return runner.RunAsync(request, chat, skills ?? new SkillSetFactory(new BaseSkillOptions(Workspace)), Sink, cancellationToken);
    }

    public void Dispose()
    {
        Stores.Checkpoints.Dispose();
        _temp.Dispose();
    }

    /// <summary>Keeps every run event, in arrival order (parallel delegates emit concurrently).</summary>
    internal sealed class RecordingSink : IRunEventSink
    {
        private readonly List<RunEvent> _events = [];

        public IReadOnlyList<RunEvent> RunEvents
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public ValueTask OnRunEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
        {
            lock (_events)
            {
                _events.Add(runEvent);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnRuntimeEventAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
