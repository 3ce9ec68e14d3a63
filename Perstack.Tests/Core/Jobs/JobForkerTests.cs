using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Core.Jobs;

public sealed class JobForkerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly JobId Original = JobId.Parse("original");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;
    private JobForker _forker = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(Path.Combine(_temp.Path, "perstack"));
        _forker = new JobForker(_stores.Jobs, _stores.Checkpoints, _stores.RunSettings, new FileJobFiles(_stores.Layout), new FakeTimeProvider(Now));
    }

    [TearDown]
    public void TearDown()
    {
        _stores.Checkpoints.Dispose();
        _temp.Dispose();
    }

    private async Task<JobId> ForkAsync(CheckpointId from) =>
        await _forker.ForkAsync(Original, from, _ => Task.CompletedTask, CancellationToken.None);

    [Test]
    public async Task A_fork_at_a_stop_keeps_its_status_and_copies_only_the_ancestors()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("original") with { Title = "kept" });
        var c1 = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Original, 1, "c1"));
        var c2 = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Original, 2, "c2") with { ParentCheckpointId = c1.Id, Status = CheckpointStatus.StoppedByExceededMaxSteps });
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Original, 2, "c2b") with { ParentCheckpointId = c1.Id });

        var forked = await ForkAsync(c2.Id);

        var job = await _stores.Jobs.GetAsync(forked);
        job!.Status.Should().Be(JobStatus.StoppedByMaxSteps);
        job.FinishedAt.Should().Be(Now.ToUnixTimeMilliseconds());
        job.StartedAt.Should().Be(Now.ToUnixTimeMilliseconds());
        job.ReadyToContinue.Should().BeNull();
        job.Title.Should().Be("kept");
        job.ForkedFrom.Should().Be(new JobOrigin { JobId = Original, CheckpointId = c2.Id });
        var copies = (await _stores.Checkpoints.ListAsync(forked)).Items;
        copies.Select(c => c.Id.Value).Should().BeEquivalentTo("c1", "c2");
    }

    [Test]
    public async Task A_fork_in_the_middle_of_a_run_is_ready_to_continue_and_not_finished()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("original"));
        var c1 = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Original, 1, "c1") with { Status = CheckpointStatus.Proceeding });

        var job = await _stores.Jobs.GetAsync(await ForkAsync(c1.Id));

        job!.Status.Should().Be(JobStatus.StoppedByInteractiveTool);
        job.ReadyToContinue.Should().BeTrue();
        job.FinishedAt.Should().BeNull();
    }

    [Test]
    public async Task An_unknown_checkpoint_is_refused_and_nothing_is_written()
    {
        await _stores.Jobs.SaveAsync(TestData.Job("original"));

        var act = () => ForkAsync(CheckpointId.Parse("nosuch"));

        await act.Should().ThrowAsync<PerstackException>().WithMessage("Checkpoint nosuch not found in job original");
        Directory.GetDirectories(_stores.Layout.JobsDirectory).Should().ContainSingle();
    }
}
