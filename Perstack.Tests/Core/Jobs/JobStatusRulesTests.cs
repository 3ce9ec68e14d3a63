using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Jobs;

namespace Perstack.Tests.Core.Jobs;

public sealed class JobStatusRulesTests
{
    [TestCase(CheckpointStatus.Completed, JobStatus.Completed)]
    [TestCase(CheckpointStatus.StoppedByInteractiveTool, JobStatus.StoppedByInteractiveTool)]
    [TestCase(CheckpointStatus.StoppedByExceededMaxSteps, JobStatus.StoppedByMaxSteps)]
    [TestCase(CheckpointStatus.StoppedByError, JobStatus.StoppedByError)]
    public void A_stop_gives_its_job_status(CheckpointStatus checkpoint, JobStatus job) =>
        JobStatusRules.AfterStop(checkpoint).Should().Be(job);

    [TestCase(CheckpointStatus.Init)]
    [TestCase(CheckpointStatus.Proceeding)]
    [TestCase(CheckpointStatus.StoppedByDelegate)]
    public void A_checkpoint_in_the_middle_of_a_run_is_not_a_stop(CheckpointStatus checkpoint) =>
        JobStatusRules.AfterStop(checkpoint).Should().BeNull("each caller decides what such a checkpoint means");

    [TestCase(JobStatus.Completed, true)]
    [TestCase(JobStatus.StoppedByMaxSteps, true)]
    [TestCase(JobStatus.StoppedByError, true)]
    [TestCase(JobStatus.StoppedByInteractiveTool, false)]
    [TestCase(JobStatus.Running, false)]
    public void Only_a_job_waiting_for_nothing_is_finished(JobStatus status, bool finished) =>
        JobStatusRules.IsFinished(status).Should().Be(finished);
}
