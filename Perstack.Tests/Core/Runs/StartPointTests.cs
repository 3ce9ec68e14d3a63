using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Runs;

namespace Perstack.Tests.Core.Runs;

/// <summary>A run's start point is a value: compared by its typed ids, and only a new job does not continue.</summary>
public sealed class StartPointTests
{
    private static readonly JobId Job = JobId.Parse("job-1");
    private static readonly CheckpointId Checkpoint = CheckpointId.Parse("checkpoint-1");

    [Test]
    public void Only_a_new_job_does_not_continue_a_stored_one()
    {
        new StartPoint.NewJob(Job).Continues.Should().BeFalse();
        StartPoint.Latest.Instance.Continues.Should().BeTrue();
        new StartPoint.Job(Job).Continues.Should().BeTrue();
        new StartPoint.Checkpoint(Job, Checkpoint).Continues.Should().BeTrue();
    }

    [Test]
    public void Start_points_are_equal_by_kind_and_ids()
    {
        new StartPoint.Checkpoint(Job, Checkpoint).Should().Be(new StartPoint.Checkpoint(JobId.Parse("job-1"), CheckpointId.Parse("checkpoint-1")));
        new StartPoint.Checkpoint(Job, Checkpoint).Should().NotBe(new StartPoint.Checkpoint(Job, CheckpointId.Parse("checkpoint-2")));
        new StartPoint.Job(Job).Should().NotBe(new StartPoint.NewJob(Job), "continuing a job is not creating it");
        new StartPoint.Job(Job).Should().Be(new StartPoint.Job(JobId.Parse("job-1")));
        StartPoint.Latest.Instance.Should().Be(new StartPoint.Latest());
    }
}
