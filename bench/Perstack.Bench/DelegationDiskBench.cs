using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;
using Perstack.Core.Domain.Runs;
using Perstack.Core.Providers;
using Perstack.Core.Runs;
using Perstack.Core.Runtime;
using Perstack.Core.Skills;
using Perstack.Skills;
using Perstack.Skills.Base;
using Perstack.Storage;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;

namespace Perstack.Bench;

/// <summary>
/// <c>--delegation-disk [experts] [fanout] [depth] [group]</c>: the disk a delegation-heavy job writes per step. A
/// table of <c>experts</c> experts in groups of <c>group</c> (default: one group), where <c>e&lt;i&gt;</c> may delegate
/// to the next <c>fanout</c> experts of its group (<c>e&lt;i+1&gt;</c> …; one group is the repro); a job starts
/// at <c>e0</c>, each expert delegates to the next until <c>depth</c> levels deep, the last completes and every parent
/// resumes and completes. It runs in process (an instant model, the app's write-behind stores on disk under
/// <c>$TMPDIR</c>), once with the given table and once with a table of <c>depth + fanout + 1</c> experts (the same
/// job; the floor), and prints per step: bytes of all files, of run settings, and the wall time.
/// </summary>
internal static class DelegationDiskBench
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool Handles(string mode) => mode == "--delegation-disk";

    public static async Task RunAsync(string[] args)
    {
        int experts = args.Length > 1 ? int.Parse(args[1], Invariant) : 10_000;
        int fanout = args.Length > 2 ? int.Parse(args[2], Invariant) : 50;
        int depth = args.Length > 3 ? int.Parse(args[3], Invariant) : 20;
        int group = args.Length > 4 ? int.Parse(args[4], Invariant) : experts;
        Console.WriteLine($"delegation chain {depth} levels deep; each expert may delegate to the next {fanout} of its group of {group}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("experts   steps   run settings   all files     per step: all files   run settings   wall time");
        foreach (int count in new[] { depth + fanout + 1, experts })
        {
            await MeasureAsync(count, fanout, depth, Math.Min(group, count)).ConfigureAwait(false);
        }
    }

    private static async Task MeasureAsync(int count, int fanout, int depth, int group)
    {
        var root = Path.Combine(Path.GetTempPath(), "perstack-bench-delegation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var table = Enumerable.Range(0, count).Select(i => new Expert
            {
                Key = $"e{i}",
                Name = $"e{i}",
                Version = "1.0.0",
                Description = $"Expert number {i}, which does one part of a larger task and may hand sub-tasks to the next experts.",
                Instruction = $"EXPERT {i}: delegate the task to the next expert, then call attemptCompletion.",
                Delegates = [.. Enumerable.Range(i + 1, Math.Max(0, Math.Min(fanout, Math.Min(count, ((i / group) + 1) * group) - i - 1))).Select(d => $"e{d}")],
                Skills = new Dictionary<string, Skill> { ["@perstack/base"] = new McpStdioSkill { Name = "@perstack/base", Command = "npx", PackageName = "@perstack/base", Pick = ["attemptCompletion"] } },
            }).ToDictionary(e => e.Key, StringComparer.Ordinal);
            var layout = new StorageLayout(new StorageOptions(Path.Combine(root, "perstack")));
            var locks = new FileJobLocks(layout);
            var request = new JobRunRequest
            {
                JobId = JobId.New(),
                ExpertKey = ExpertKey.Parse("e0"),
                Input = new RunInput { Text = "the task" },
                Experts = table,
                Model = new ModelSettings { Provider = ProviderName.Anthropic, Model = "claude-sonnet-4-5" },
                Provider = new ProviderConfig { ProviderName = ProviderName.Anthropic.Value },
                Limits = new RunLimits { MaxDelegationDepth = depth + 1 },
                WorkingDirectory = root,
            };
            var started = Stopwatch.GetTimestamp();
            Checkpoint final;
            var stores = new WriteBehindStores(layout, locks);
            await using (stores.ConfigureAwait(false))
            {
                var runner = new JobRunner(new FixedRunStoresFactory(stores.Jobs, stores.Checkpoints, stores.Events, stores.RunSettings, stores.Commits), locks, TimeProvider.System);
                final = await runner.RunAsync(request, new ChainClient(depth), new SkillSetFactory(new BaseSkillOptions(root)), []).ConfigureAwait(false);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (final.Status != CheckpointStatus.Completed)
            {
                throw new InvalidOperationException($"Benchmark sanity check failed: the job ended {final.Status} ({final.Error?.Message})");
            }

            var files = Directory.EnumerateFiles(Path.Combine(layout.Root, "jobs", request.JobId.Value), "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
            long all = files.Sum(f => f.Length);
            long settings = files.Where(f => f.Name == "run-setting.json").Sum(f => f.Length);
            int steps = files.Count(f => f.Directory?.Name == "checkpoints" && f.Name != "checkpoint-index.json");
            Console.WriteLine(string.Create(Invariant,
                $"{count,7}   {steps,5}   {Size(settings),12}   {Size(all),9}     {Size(all / steps),19}   {Size(settings / steps),12}   {elapsed.TotalMilliseconds / steps,6:F1} ms"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(Invariant, $"{bytes / 1048576.0:F1} MB")
        : string.Create(Invariant, $"{bytes / 1024.0:F1} KB");

    /// <summary>Expert <c>e&lt;i&gt;</c> delegates to <c>e&lt;i+1&gt;</c> while <c>i &lt; depth</c>; otherwise (and once answered) it completes.</summary>
    private sealed class ChainClient(int depth) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            var system = list.First(m => m.Role == ChatRole.System).Text;
            int at = system.IndexOf("EXPERT ", StringComparison.Ordinal) + "EXPERT ".Length;
            int i = int.Parse(system[at..system.IndexOf(':', at)], Invariant);
            AIContent reply = options?.Tools is null
                ? new TextContent($"e{i} done")
                : i < depth && !list.Any(m => m.Role == ChatRole.Tool)
                    ? new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], $"e{i + 1}", new Dictionary<string, object?> { ["query"] = $"part {i + 1} of the task" })
                    : new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..12], "attemptCompletion", new Dictionary<string, object?>());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [reply]))
            {
                FinishReason = reply is TextContent ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
                Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10, TotalTokenCount = 110 },
            });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
