using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

public sealed class JobsDeleteCommandTests : FixtureCopyTests
{
    private bool Exists(string jobId) => Directory.Exists(Path.Combine(Store, "jobs", jobId));

    private static string SizeOf(params string[] directories)
    {
        long bytes = directories.SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)).Sum(f => new FileInfo(f).Length);
        return Perstack.App.Features.Jobs.Confirmation.Size(bytes);
    }

    [Test]
    public async Task Asks_with_the_count_and_size_and_deletes_on_yes()
    {
        var size = SizeOf(Path.Combine(Store, "jobs", "job-fixed-0001"), Path.Combine(Store, "jobs", "zx1gh1dxk13tzk3lx8vtxyt9"));

        var result = await CliRunner.RunWithInputAsync("y\n", "jobs", "delete", "job-fixed-0001", "zx1gh1dxk13tzk3lx8vtxyt9", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Be($"Delete 2 jobs ({size})? [y/N] ");
        result.OutputLines.Should().Equal("Deleted job-fixed-0001", "Deleted zx1gh1dxk13tzk3lx8vtxyt9");
        Exists("job-fixed-0001").Should().BeFalse();
        Exists("zx1gh1dxk13tzk3lx8vtxyt9").Should().BeFalse();
        Exists("gf13yre28vrnvqtt96gqls80").Should().BeTrue();
        var list = await CliRunner.RunAsync("jobs", "list", "--storage-path", Store);
        list.OutputLines.Should().HaveCount(3);
    }

    [TestCase("n\n")]
    [TestCase("\n")]
    [TestCase("")]
    [TestCase("maybe\n")]
    public async Task Anything_but_yes_deletes_nothing(string answer)
    {
        var result = await CliRunner.RunWithInputAsync(answer, "jobs", "delete", "job-fixed-0001", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("Delete 1 job (").And.EndWith("Aborted: nothing was deleted\n");
        result.Output.Should().BeEmpty();
        Exists("job-fixed-0001").Should().BeTrue();
    }

    [Test]
    public async Task Without_interactive_stdin_it_refuses_unless_yes_is_given()
    {
        var refused = await CliRunner.RunAsync("jobs", "delete", "job-fixed-0001", "--storage-path", Store);

        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().Equal("Error: Refusing to delete without confirmation: stdin is not interactive (pass --yes)");
        Exists("job-fixed-0001").Should().BeTrue();

        var forced = await CliRunner.RunAsync("jobs", "delete", "job-fixed-0001", "--yes", "--storage-path", Store);

        forced.ExitCode.Should().Be(0);
        forced.Error.Should().BeEmpty();
        forced.OutputLines.Should().Equal("Deleted job-fixed-0001");
        Exists("job-fixed-0001").Should().BeFalse();
    }

    [Test]
    public async Task Unknown_and_running_jobs_fail_while_the_others_are_still_deleted()
    {
        var stores = new Stores(Store);
        using var held = stores.Locks.Acquire(JobId.Parse("gf13yre28vrnvqtt96gqls80"));

        var result = await CliRunner.RunAsync("jobs", "delete", "nosuchjob", "gf13yre28vrnvqtt96gqls80", "job-fixed-0001", "-y", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Job nosuchjob not found", "Job gf13yre28vrnvqtt96gqls80 is already running in another process");
        result.OutputLines.Should().Equal("Deleted job-fixed-0001");
        Exists("gf13yre28vrnvqtt96gqls80").Should().BeTrue();
        Exists("job-fixed-0001").Should().BeFalse();
        stores.Checkpoints.Dispose();
    }

    [Test]
    public async Task Nothing_deletable_fails_without_asking()
    {
        var result = await CliRunner.RunWithInputAsync("y\n", "jobs", "delete", "nosuchjob", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Job nosuchjob not found");
    }

    [Test]
    public async Task A_job_with_an_unreadable_job_file_can_still_be_deleted()
    {
        await File.WriteAllTextAsync(Path.Combine(Store, "jobs", "job-fixed-0001", "job.json"), "{");

        var result = await CliRunner.RunAsync("jobs", "delete", "job-fixed-0001", "--yes", "--storage-path", Store);

        result.ExitCode.Should().Be(0, result.Error);
        Exists("job-fixed-0001").Should().BeFalse();
    }

    [Test]
    public async Task An_invalid_id_is_refused_before_anything_is_deleted()
    {
        var result = await CliRunner.RunAsync("jobs", "delete", "job-fixed-0001", "../jobs", "--yes", "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith("Invalid job id \"../jobs\"");
        Exists("job-fixed-0001").Should().BeTrue();
    }

    [TestCase(0, "0 B")]
    [TestCase(1023, "1023 B")]
    [TestCase(1024, "1.0 KB")]
    [TestCase(1_258_291, "1.2 MB")]
    [TestCase(5_368_709_120, "5.0 GB")]
    public void Sizes_read_like_people_write_them(long bytes, string text) =>
        Perstack.App.Features.Jobs.Confirmation.Size(bytes).Should().Be(text);
}
