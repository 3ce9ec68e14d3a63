using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary><c>jobs push --all</c> and <c>jobs pull --all</c> between a copy of the fixture history and a fresh bucket of the real S3 test server.</summary>
[Category(TestCategories.S3)]
public sealed class JobsSyncAllTests : FixtureCopyTests
{
    private const string Prefix = "team/history";
    private static readonly string[] FixtureJobs = ["aajxt79vxz6vvwkfyltr74pc", "gf13yre28vrnvqtt96gqls80", "job-fixed-0001", "r5fwacdzy063tewk7tqaxskw", "zx1gh1dxk13tzk3lx8vtxyt9"];

    private S3TestBucket _bucket = null!;

    [SetUp]
    public async Task CreateBucket() => _bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();

    [Test]
    public async Task Push_all_copies_every_job_then_counts_them_up_to_date_and_pull_all_brings_them_back()
    {
        var push = await Run("push", Store, "--all");

        push.ExitCode.Should().Be(0, push.Error);
        push.OutputLines.Should().HaveCount(6);
        push.OutputLines[..5].Select(l => l.Split(' ')[1].TrimEnd(':')).Should().Equal(FixtureJobs);
        push.OutputLines[^1].Should().Be("0 of 5 jobs already up to date");

        var again = await Run("push", Store, "--all");
        again.ExitCode.Should().Be(0, again.Error);
        again.OutputLines.Should().Equal("5 of 5 jobs already up to date");

        var other = Directory.CreateDirectory(Path.Combine(Temp.Path, "other")).FullName;
        var pull = await Run("pull", other, "--all");
        pull.ExitCode.Should().Be(0, pull.Error);
        pull.OutputLines[..5].Should().OnlyContain(l => l.StartsWith("pulled ", StringComparison.Ordinal));
        foreach (var job in FixtureJobs)
        {
            FileHashes.Of(Path.Combine(other, "jobs", job)).Values.Should().Equal(FileHashes.Of(Path.Combine(Store, "jobs", job)).Values, job);
        }

        (await Run("pull", other, "--all")).OutputLines.Should().Equal("5 of 5 jobs already up to date");
    }

    [Test]
    public async Task A_diverged_or_newer_job_is_refused_in_one_line_each_the_rest_are_still_copied_and_the_exit_is_1()
    {
        (await Run("push", Store, "job-fixed-0001", "gf13yre28vrnvqtt96gqls80")).ExitCode.Should().Be(0);
        await _bucket.WriteAsync($"{Prefix}/jobs/job-fixed-0001/checkpoints/zzzzzzzzzzzzzzzzzzzzzzzz.json", "{}");
        await _bucket.WriteAsync($"{Prefix}/jobs/gf13yre28vrnvqtt96gqls80/checkpoints/zzzzzzzzzzzzzzzzzzzzzzzz.json", "{}");
        await File.WriteAllTextAsync(Path.Combine(Store, "jobs", "gf13yre28vrnvqtt96gqls80", "checkpoints", "yyyyyyyyyyyyyyyyyyyyyyyy.json"), "{}");

        var push = await Run("push", Store, "--all");

        push.ExitCode.Should().Be(1);
        push.ErrorLines.Should().Equal(
            $"Error: Job gf13yre28vrnvqtt96gqls80 has diverged: {Store} and {_bucket.Location(Prefix)} each hold checkpoints the other lacks; nothing copied",
            $"Error: Job job-fixed-0001 in {_bucket.Location(Prefix)} is newer (it holds every checkpoint here and more); pull it instead");
        push.OutputLines.Should().HaveCount(4);
        push.OutputLines[..3].Should().OnlyContain(l => l.StartsWith("pushed ", StringComparison.Ordinal));
        push.OutputLines[^1].Should().Be("0 of 5 jobs already up to date");
        push.OutputLines[..3].Select(l => l.Split(' ')[1].TrimEnd(':')).Should().Equal("aajxt79vxz6vvwkfyltr74pc", "r5fwacdzy063tewk7tqaxskw", "zx1gh1dxk13tzk3lx8vtxyt9");
        (await _bucket.KeysAsync($"{Prefix}/jobs/gf13yre28vrnvqtt96gqls80/checkpoints/")).Should().NotContain(k => k.Contains("yyyy", StringComparison.Ordinal));
    }

    [Test]
    public async Task Pull_all_reports_names_in_the_bucket_that_are_not_jobs_and_pulls_the_jobs()
    {
        (await Run("push", Store, "job-fixed-0001")).ExitCode.Should().Be(0);
        await _bucket.WriteAsync($"{Prefix}/jobs/not an id!/job.json", "{}");
        await _bucket.WriteAsync($"{Prefix}/jobs/stray.json", "{}");
        var other = Directory.CreateDirectory(Path.Combine(Temp.Path, "other")).FullName;

        var pull = await Run("pull", other, "--all");

        pull.ExitCode.Should().Be(0, pull.Error);
        pull.OutputLines.Should().Equal("pulled job-fixed-0001: 2 checkpoints, 10 events", "0 of 1 job already up to date");
        pull.ErrorLines.Should().HaveCount(2).And.OnlyContain(l => l.EndsWith("is not a key of the job layout; ignored", StringComparison.Ordinal));
        Directory.EnumerateDirectories(Path.Combine(other, "jobs")).Select(Path.GetFileName).Should().Equal("job-fixed-0001");
    }

    [TestCase("push", "--all", "job-fixed-0001", "Error: Name jobs to push or --all, not both")]
    [TestCase("pull", null, null, "Error: Name the jobs to pull, or --all for every job")]
    public async Task Ids_and_all_together_or_neither_is_one_line(string command, string? first, string? second, string error)
    {
        string[] args = [.. new[] { first, second }.OfType<string>()];

        var result = await Run(command, Store, args);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal(error);
        (await _bucket.KeysAsync()).Should().BeEmpty();
    }

    private Task<CliResult> Run(string command, string folder, params string[] args) =>
        CliRunner.RunAsync(_bucket.Server.ChildEnvironment(), ["jobs", command, .. args, command == "push" ? "--to" : "--from", _bucket.Location(Prefix), "--storage-path", folder]);
}
