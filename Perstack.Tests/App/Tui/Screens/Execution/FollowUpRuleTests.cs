using FluentAssertions;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Shell;
using Perstack.Core.Domain;

namespace Perstack.Tests.App.Tui.Screens.Execution;

/// <summary>The next selection after a stop: a follow-up continues where the run stopped, or runs again.</summary>
public sealed class FollowUpRuleTests
{
    private static readonly JobId Job = JobId.New();

    private static Checkpoint Final(CheckpointStatus status, string expert = "worker", long step = 4) => new()
    {
        Id = CheckpointId.New(),
        JobId = Job,
        RunId = RunId.New(),
        Status = status,
        StepNumber = step,
        Messages = [],
        Expert = new ExpertRef { Key = expert, Name = expert, Version = "1.0.0" },
        Usage = Usage.Empty,
    };

    [Test]
    public void After_a_final_checkpoint_its_expert_continues_its_job_from_its_step()
    {
        var previous = new RunSelection("coordinator", "first", null);

        var next = FollowUpRule.Next(previous, Final(CheckpointStatus.Completed), Job, 4, "again");

        next.Should().Be(new RunSelection("worker", "again", new ResumePoint(Job, null, 4, false)));
    }

    [Test]
    public void After_an_interactive_stop_the_query_is_the_answer()
    {
        var previous = new RunSelection("worker", "ask me", null);

        var next = FollowUpRule.Next(previous, Final(CheckpointStatus.StoppedByInteractiveTool, step: 2), Job, 2, "blue");

        next.Resume.Should().Be(new ResumePoint(Job, null, 2, true));
        next.Query.Should().Be("blue");
    }

    [Test]
    public void A_new_run_stopped_after_its_first_step_continues_the_job_it_started()
    {
        var previous = new RunSelection("worker", "first", null);

        var next = FollowUpRule.Next(previous, final: null, Job, step: 1, "again");

        next.Should().Be(new RunSelection("worker", "again", new ResumePoint(Job, null, null, false)));
    }

    [Test]
    public void A_new_run_stopped_before_its_first_step_runs_again_with_the_new_query()
    {
        var previous = new RunSelection("worker", "first", null);

        FollowUpRule.Next(previous, final: null, Job, step: 0, "again").Should().Be(previous with { Query = "again" });
        FollowUpRule.Next(previous, final: null, jobId: null, step: 3, "again").Should().Be(previous with { Query = "again" });
    }

    [Test]
    public void A_resumed_run_stopped_without_a_final_checkpoint_resumes_from_the_same_point()
    {
        var resume = new ResumePoint(Job, CheckpointId.New(), 7, false);
        var previous = new RunSelection("worker", "first", resume);

        var next = FollowUpRule.Next(previous, final: null, Job, step: 9, "again");

        next.Should().Be(new RunSelection("worker", "again", resume));
    }
}
