using System.Text.Json;
using FluentAssertions;
using Perstack.Storage.S3.Index;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3.Index;

/// <summary>
/// The bucket's jobs index through real commands on the real S3 test server: built by the first listing, kept current by
/// every command that writes a job.json, read by <c>jobs list</c>; foreign writes appear after <c>--refresh</c>.
/// </summary>
[Category(TestCategories.S3)]
public sealed class BucketJobsIndexCommandsTests
{
    private const string ForeignJob = "zx1gh1dxk13tzk3lx8vtxyt9";
    private static readonly string IndexKey = $"{S3SeededBucket.Prefix}/{BucketJobsIndexObject.Key}";
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_first_listing_builds_the_index_and_the_next_ones_read_it_giving_the_folders_output()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var folder = Fixture.CopyTo(Path.Combine(_temp.Path, "perstack"));
        (await bucket.ReadAsync(IndexKey)).Should().BeNull();

        var first = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), "jobs", "list");
        (await bucket.KeysAsync($"{S3SeededBucket.Prefix}/.perstack/index/")).Should().Equal(IndexKey);
        var fromIndex = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), "jobs", "list");
        var cached = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        var fromCache = await CliRunner.RunAsync(cached, "jobs", "list");
        var fromCacheAgain = await CliRunner.RunAsync(cached, "jobs", "list");
        var onDisk = await CliRunner.RunAsync("jobs", "list", "--storage-path", folder);

        foreach (var result in new[] { first, fromIndex, fromCache, fromCacheAgain })
        {
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Be(onDisk.Output);
            result.Error.Should().Be(onDisk.Error);
        }

        var json = await CliRunner.RunAsync(cached, "jobs", "list", "--json");
        json.Output.Should().Be((await CliRunner.RunAsync("jobs", "list", "--json", "--storage-path", folder)).Output);
    }

    [Test]
    public async Task A_job_uploaded_key_by_key_by_another_tool_appears_after_a_refresh()
    {
        var (bucket, environment) = await IndexedBucketWithoutForeignJobAsync();

        await UploadForeignJobAsync(bucket);
        var stale = await CliRunner.RunAsync(environment, "jobs", "list");
        var refreshed = await CliRunner.RunAsync(environment, "jobs", "list", "--refresh");
        var after = await CliRunner.RunAsync(environment, "jobs", "list");

        stale.Output.Should().NotContain(ForeignJob, "the index is what jobs list reads, and no Perstack.NET writer recorded that job");
        var onDisk = await CliRunner.RunAsync("jobs", "list", "--storage-path", Fixture.CopyTo(Path.Combine(_temp.Path, "perstack")));
        refreshed.Output.Should().Contain(ForeignJob).And.Be(onDisk.Output);
        after.Output.Should().Be(onDisk.Output, "the refresh wrote the index anew");
    }

    [Test]
    public async Task Title_delete_import_and_fork_keep_the_index_current_without_a_new_listing()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        var export = Path.Combine(_temp.Path, "job.json");
        (await CliRunner.RunAsync(environment, "jobs", "export", "job-fixed-0001", "--format", "json", "--output", export)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(environment, "jobs", "delete", "job-fixed-0001", "--yes")).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(environment, "jobs", "list")).ExitCode.Should().Be(0);
        await bucket.WriteAsync($"{S3SeededBucket.Prefix}/jobs/job-foreign-1/job.json", (await File.ReadAllTextAsync(Path.Combine(Fixture.JobsDirectory, "job-fixed-0001", "job.json"))).Replace("job-fixed-0001", "job-foreign-1", StringComparison.Ordinal));

        (await CliRunner.RunAsync(environment, "jobs", "import", export)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(environment, "jobs", "title", "job-fixed-0001", "Renamed on S3")).ExitCode.Should().Be(0);
        var show = await CliRunner.RunAsync(environment, "jobs", "show", "job-fixed-0001", "--json");
        var checkpoint = JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints")[0].GetProperty("id").GetString()!;
        var fork = await CliRunner.RunAsync(environment, "jobs", "fork", "job-fixed-0001", "--from", checkpoint);
        fork.ExitCode.Should().Be(0, fork.Error);
        (await CliRunner.RunAsync(environment, "jobs", "delete", ForeignJob, "--yes")).ExitCode.Should().Be(0);

        var listed = Ids(await CliRunner.RunAsync(environment, "jobs", "list", "--json"));
        var refreshed = await CliRunner.RunAsync(environment, "jobs", "list", "--json", "--refresh");

        listed.Should().Contain("job-fixed-0001").And.NotContain(ForeignJob).And.NotContain("job-foreign-1", "no listing of the bucket ran since that upload: the writers updated the index");
        listed.Should().HaveCount(5, "four fixture jobs and the fork");
        var title = JsonDocument.Parse((await CliRunner.RunAsync(environment, "jobs", "list", "--json")).Output).RootElement.EnumerateArray()
            .Single(j => j.GetProperty("id").GetString() == "job-fixed-0001").GetProperty("title").GetString();
        title.Should().Be("Renamed on S3");
        Ids(refreshed).Should().BeEquivalentTo([.. listed, "job-foreign-1"]);
    }

    [Test]
    public async Task A_pushed_job_is_recorded_in_the_index()
    {
        var (bucket, environment) = await IndexedBucketWithoutForeignJobAsync();

        var push = await CliRunner.RunAsync(bucket.Server.ChildEnvironment(),
            "jobs", "push", ForeignJob, "--to", bucket.Location(S3SeededBucket.Prefix), "--storage-path", Fixture.CopyTo(Path.Combine(_temp.Path, "perstack")));
        var listed = await CliRunner.RunAsync(environment, "jobs", "list");

        push.ExitCode.Should().Be(0, push.Error);
        listed.Output.Should().Contain(ForeignJob, "the push updated the index: no listing of the bucket ran since");
        listed.Output.Should().Be((await CliRunner.RunAsync(environment, "jobs", "list", "--refresh")).Output);
    }

    [Test]
    public async Task A_damaged_index_is_one_warning_then_the_bucket_is_listed_and_the_index_rebuilt()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var folder = Fixture.CopyTo(Path.Combine(_temp.Path, "perstack"));
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        (await CliRunner.RunAsync(environment, "jobs", "list")).ExitCode.Should().Be(0);
        await bucket.WriteAsync(IndexKey, "\u001b[31mnot an index");

        var damaged = await CliRunner.RunAsync(environment, "jobs", "list");
        var next = await CliRunner.RunAsync(environment, "jobs", "list");

        var onDisk = await CliRunner.RunAsync("jobs", "list", "--storage-path", folder);
        damaged.ExitCode.Should().Be(0, damaged.Error);
        damaged.Output.Should().Be(onDisk.Output);
        damaged.ErrorLines.Should().Equal(
            $"warning: skipped {bucket.Location(S3SeededBucket.Prefix)}/.perstack/index/jobs.bin: not a usable jobs index: it is not gzip; listed the bucket instead");
        next.Error.Should().BeEmpty();
        next.Output.Should().Be(onDisk.Output);
    }

    /// <summary>A bucket holding the fixture but <see cref="ForeignJob"/>, listed once (so it has its index), and the environment of commands on it.</summary>
    private async Task<(S3TestBucket Bucket, Dictionary<string, string> Environment)> IndexedBucketWithoutForeignJobAsync()
    {
        var seed = Fixture.CopyTo(Path.Combine(_temp.Path, "seed"));
        Directory.Delete(Path.Combine(seed, "jobs", ForeignJob), recursive: true);
        var bucket = await S3SeededBucket.CreateAsync(seed);
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        (await CliRunner.RunAsync(environment, "jobs", "list")).ExitCode.Should().Be(0);
        return (bucket, environment);
    }

    private static List<string> Ids(CliResult result) =>
        [.. JsonDocument.Parse(result.Output).RootElement.EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];

    private static async Task UploadForeignJobAsync(S3TestBucket bucket)
    {
        var folder = Path.Combine(Fixture.JobsDirectory, ForeignJob);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            await bucket.WriteAsync($"{S3SeededBucket.Prefix}/jobs/{ForeignJob}/{Path.GetRelativePath(folder, file).Replace('\\', '/')}", await File.ReadAllTextAsync(file));
        }
    }
}
