using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App;
using Perstack.App.Tui.Shell;
using Perstack.Core.Runs;
using Perstack.Core.Storage.Locations;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.Storage.S3;

/// <summary>
/// <c>perstack start --storage-path s3://…</c>, headless on the real Terminal.Gui driver, wired by the composition root
/// as the command wires it: the bucket's history, its checkpoints, <c>r</c> after another process ran, a resume that
/// writes to the bucket.
/// </summary>
[Category(TestCategories.ChildProcess)]
[Category(TestCategories.S3)]
public sealed class S3WorkbenchTests
{
    private RunWorkspace _workspace = null!;
    private S3TestBucket _bucket = null!;
    private ServiceProvider? _services;
    private TuiHarness? _tui;

    [SetUp]
    public async Task SetUp()
    {
        _workspace = RunWorkspace.Create();
        _bucket = await S3SeededBucket.CreateAsync();
        foreach (var (name, value) in S3SeededBucket.Environment(_bucket, Path.Combine(_workspace.Directory, "cache")))
        {
            _workspace.Environment[name] = value;
        }
    }

    [TearDown]
    public async Task TearDown()
    {
        _tui?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _workspace.DisposeAsync();
    }

    /// <summary>The workbench <c>perstack start</c> builds for the bucket the environment names.</summary>
    private async Task<TuiHarness> StartAsync()
    {
        var environment = _workspace.Environment;
        string? Variable(string name) => environment.TryGetValue(name, out var value) ? value : null;
        _services = Composition.Build(Composition.ResolveStorage(null, Variable), Variable, () => new Dictionary<string, string>(environment));
        var services = _services.GetRequiredService<WorkbenchServicesFactory>().Create(new RunOverrides { WorkingDirectory = _workspace.Directory });
        return _tui = await TuiHarness.StartAsync(copyFixture: false, services: services);
    }

    [Test]
    public async Task History_lists_the_buckets_jobs_and_Enter_then_c_opens_a_jobs_checkpoints()
    {
        var tui = await StartAsync();

        tui.Workbench.Screen.Should().Be(Screen.History);
        tui.Rows()[1].Should().StartWith("Job History  (5 jobs)");
        tui.ListRows(5).Should().Contain(r => r.Contains("(job-fixed-0001)", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("(zx1gh1dxk13tzk3lx8vtxyt9)", StringComparison.Ordinal));
        Directory.Exists(_workspace.Store).Should().BeFalse("nothing is read from or written to a folder");

        await tui.PressAsync(Key.End, Key.C);

        tui.Workbench.Screen.Should().Be(Screen.Checkpoints);
        tui.Rows()[1].Should().StartWith("Checkpoints of fake-writer (zx1gh1dxk13tzk3lx8vtxyt9)  (5 checkpoints)");
        tui.ListRows(5).Should().OnlyContain(r => r.StartsWith("Step ", StringComparison.Ordinal));

        await tui.PressAsync(Key.Home, Key.E);
        tui.Workbench.Screen.Should().Be(Screen.Events, "a checkpoint's events are read from the bucket");
        tui.ListRows(1)[0].Should().StartWith("[");
    }

    [Test]
    public async Task R_shows_a_job_another_process_added_to_the_bucket()
    {
        var tui = await StartAsync();
        tui.Rows()[1].Should().StartWith("Job History  (5 jobs)");

        var run = await _workspace.RunAsync("run", "fake-basic", "Say hello");
        run.ExitCode.Should().Be(0, run.Error);
        var jobId = RunWorkspace.JobIdOf(run);

        await tui.PressAsync(Key.R);

        tui.Rows()[1].Should().StartWith("Job History  (6 jobs)");
        tui.ListRows(1)[0].Should().Contain($"({jobId})", "the new job is the newest");
    }

    [Test]
    public async Task Resuming_from_a_checkpoint_writes_the_run_to_the_bucket()
    {
        var tui = await StartAsync();
        var before = await _bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/checkpoints/");

        await tui.PressAsync(Key.C, Key.Home, Key.Enter);
        tui.Workbench.Screen.Should().Be(Screen.Query);
        tui.Workbench.QueryHeading.Should().Contain("resuming from step 1").And.Contain("Job: job-fixed-0001");
        await tui.TypeAsync("Say hello again");
        await tui.PressAsync(Key.Enter);

        var panel = tui.Workbench.Execution;
        panel.ActivityLines[^1].Should().StartWith("✓ Run Results: ", string.Join('\n', panel.ActivityLines));
        panel.Final!.JobId.Value.Should().Be("job-fixed-0001");
        var after = await _bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/checkpoints/");
        after.Should().Contain(before).And.HaveCountGreaterThan(before.Count, "the resumed run's checkpoints are in the bucket");
        (await _bucket.ReadAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/job.json")).Should().Contain("\"status\": \"completed\"");
        (await _bucket.ReadAsync($"{S3SeededBucket.Prefix}/.perstack/leases/job-fixed-0001.json")).Should().Contain("\"released\":true", "the run held the job's lease and let it go");
        Directory.Exists(_workspace.Store).Should().BeFalse();

        await tui.PressAsync(Key.Esc);
        tui.Workbench.Screen.Should().Be(Screen.History);
        tui.Rows()[1].Should().StartWith("Job History  (5 jobs)");
    }
}
