using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// The real CLI started under a low open-file limit (<c>bash -c 'ulimit -n 64; exec perstack …'</c>). A hard limit too
/// low for a run is refused with one <c>Too many open files</c> line before anything is written, so a continued job
/// stays as it was and continues once the limit is raised; a low soft limit is raised to the hard one and the run
/// completes; the read-only commands work or fail with one line. Never a stack trace, never a job left running.
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class OpenFileLimitTests : ReliabilityTest
{
    protected override string Family => "File descriptor exhaustion";

    [Test]
    [CancelAfter(300_000)]
    public async Task A_hard_limit_too_low_for_a_run_is_refused_with_one_line_and_the_job_continues_later(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("needs bash and ulimit -n");
        }

        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        var jobId = RunWorkspace.JobIdOf(first);
        var stores = new Stores(workspace.Store);
        int cases = 0;
        foreach (var limit in new[] { 64, 96 })
        {
            var before = FileHashes.Of(workspace.Store, withCaches: false);
            var prefix = $"ulimit -n {limit}";
            foreach (var args in new[]
            {
                new[] { "run", "fake-basic", "A new job" },
                ["run", "fake-basic", "Go on", "--continue-job", jobId],
                ["run", "fake-coordinator", "Plan it", "--job-id", $"limited-{limit}"],
            })
            {
                var result = await LimitedProcess.RunAsync(workspace, prefix, args);
                var because = $"{string.Join(' ', args)} under {prefix}: {result.Error}";
                result.ExitCode.Should().Be(1, because);
                result.Output.Should().BeEmpty(because);
                result.ErrorLines.Should().ContainSingle(because).Which.Should().StartWith("Error: Too many open files", because).And.Contain($"is {limit}", because);
                FileHashes.Of(workspace.Store, withCaches: false).Should().Equal(before, $"nothing is written: {because}");
                cases++;
            }

            foreach (var args in new[] { new[] { "jobs", "list" }, ["jobs", "show", jobId], ["log", "--job", jobId], ["jobs", "export", jobId] })
            {
                var result = await LimitedProcess.RunAsync(workspace, prefix, args);
                var because = $"{string.Join(' ', args)} under {prefix}: {result.Error}";
                result.Error.Should().NotContain("   at ", because).And.NotContain("Unhandled exception", because).And.NotContain("Out of memory", because);
                if (result.ExitCode != 0)
                {
                    result.ExitCode.Should().Be(1, because);
                    result.ErrorLines.Should().ContainSingle(because).Which.Should().Contain("Too many open files", because);
                }

                FileHashes.Of(workspace.Store, withCaches: false).Should().Equal(before, $"a read-only command writes nothing: {because}");
                cases++;
            }
        }

        (await stores.Jobs.GetAsync(JobId.Parse(jobId), cancellationToken))!.Status.Should().Be(JobStatus.Completed);
        var continued = await workspace.RunAsync("run", "fake-basic", "Go on", "--continue-job", jobId);
        continued.ExitCode.Should().Be(0, continued.Error);
        RunWorkspace.Sequence(continued)[^1].Should().StartWith("completeRun@");
        Held("Hard open-file limit of 64 and 96 (`ulimit -n`)", cases,
            "new, continued and delegating runs refused before writing anything: exit 1, one \"Error: Too many open files\" line naming the limit, no stack trace; " +
            "jobs list/show, log and export work or fail with that one line; the store byte-identical; the job then continued to completion without the limit");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task A_low_soft_limit_is_raised_to_the_hard_limit_and_the_run_completes(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("needs bash and ulimit -n");
        }

        await using var workspace = RunWorkspace.Create();
        int cases = 0;
        foreach (var expert in new[] { "fake-basic", "fake-coordinator" })
        {
            var result = await LimitedProcess.RunAsync(workspace, "ulimit -Sn 64", "run", expert, "Say hello");
            result.ExitCode.Should().Be(0, result.Error);
            RunWorkspace.Sequence(result)[^1].Should().MatchRegex($"^completeRun@[0-9]+/{expert}$");
            cases++;
        }

        Held("Soft open-file limit of 64 (`ulimit -Sn`, hard limit untouched)", cases,
            "raised to the hard limit at start: a plain and a delegating run complete");
    }
}
