using System.Text.Json;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary>The history commands on a bucket of the real S3 test server give what they give on the same history in a folder.</summary>
[Category(TestCategories.S3)]
public sealed class S3HistoryCommandsTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("jobs", "list")]
    [TestCase("jobs", "list", "--json")]
    [TestCase("jobs", "show", "job-fixed-0001")]
    [TestCase("jobs", "show", "job-fixed-0001", "--json")]
    [TestCase("jobs", "export", "job-fixed-0001")]
    [TestCase("log", "--job", "job-fixed-0001")]
    [TestCase("log", "--job", "r5fwacdzy063tewk7tqaxskw", "--json")]
    public async Task A_command_reads_the_bucket_as_it_reads_the_folder(params string[] args)
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var folder = Fixture.CopyTo(Path.Combine(_temp.Path, "perstack"));

        var onS3 = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache")), args);
        var onDisk = await CliRunner.RunAsync([.. args, "--storage-path", folder]);

        onS3.ExitCode.Should().Be(0, onS3.Error);
        onS3.Error.Should().Be(onDisk.Error);
        onS3.Output.Replace(bucket.Location(S3SeededBucket.Prefix), "<store>", StringComparison.Ordinal)
            .Should().Be(onDisk.Output.Replace(folder, "<store>", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_listing_with_the_cache_gives_what_one_without_gives_and_sees_a_rewritten_job()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket, Path.Combine(_temp.Path, "cache"));
        var cold = await CliRunner.RunAsync(environment, "jobs", "list");
        var warm = await CliRunner.RunAsync(environment, "jobs", "list");
        warm.Output.Should().Be(cold.Output);

        var title = await CliRunner.RunAsync(environment, "jobs", "title", "job-fixed-0001", "Renamed on S3");
        title.ExitCode.Should().Be(0, title.Error);
        var after = await CliRunner.RunAsync(environment, "jobs", "list", "--json");

        var job = JsonDocument.Parse(after.Output).RootElement.EnumerateArray().Single(j => j.GetProperty("id").GetString() == "job-fixed-0001");
        job.GetProperty("title").GetString().Should().Be("Renamed on S3");
        (await bucket.ReadAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/job.json")).Should().Contain("\"title\": \"Renamed on S3\"");
    }

    [Test]
    public async Task Fork_import_delete_and_prune_write_the_folder_layout_under_the_prefix()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket);
        var export = Path.Combine(_temp.Path, "job.json");

        (await CliRunner.RunAsync(environment, "jobs", "export", "job-fixed-0001", "--format", "json", "--output", export)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync(environment, "jobs", "delete", "job-fixed-0001", "--yes")).ExitCode.Should().Be(0);
        (await bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/")).Should().BeEmpty();
        var import = await CliRunner.RunAsync(environment, "jobs", "import", export);
        import.ExitCode.Should().Be(0, import.Error);
        var keys = await bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/");
        keys.Should().Contain($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/job.json");
        keys.Should().OnlyContain(k => k.EndsWith("/job.json", StringComparison.Ordinal)
            || k.Contains("/checkpoints/", StringComparison.Ordinal) && k.EndsWith(".json", StringComparison.Ordinal)
            || k.Contains("/runs/", StringComparison.Ordinal) && (k.EndsWith("/run-setting.json", StringComparison.Ordinal) || k.Contains("/event-", StringComparison.Ordinal)));

        var show = await CliRunner.RunAsync(environment, "jobs", "show", "job-fixed-0001", "--json");
        var checkpoint = JsonDocument.Parse(show.Output).RootElement.GetProperty("checkpoints")[0].GetProperty("id").GetString()!;
        var fork = await CliRunner.RunAsync(environment, "jobs", "fork", "job-fixed-0001", "--from", checkpoint);
        fork.ExitCode.Should().Be(0, fork.Error);

        var prune = await CliRunner.RunAsync(environment, "jobs", "prune", "--keep", "2", "--yes");
        prune.ExitCode.Should().Be(0, prune.Error);
        var list = await CliRunner.RunAsync(environment, "jobs", "list", "--json");
        JsonDocument.Parse(list.Output).RootElement.GetArrayLength().Should().Be(2);
    }

    [Test]
    public async Task A_history_TypeScript_Perstack_wrote_without_job_json_opens_as_derived_jobs()
    {
        var bucket = await S3SeededBucket.CreateAsync(Fixture.TsMainRoot);
        var folder = Fixture.CopyTo(Fixture.TsMainRoot, Path.Combine(_temp.Path, "perstack"));

        var onS3 = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), "jobs", "list", "--json");
        var onDisk = await CliRunner.RunAsync("jobs", "list", "--json", "--storage-path", folder);

        onS3.ExitCode.Should().Be(0, onS3.Error);
        JsonDocument.Parse(onS3.Output).RootElement.EnumerateArray().Select(j => (j.GetProperty("id").GetString(), j.GetProperty("derived").GetBoolean()))
            .Should().Equal(JsonDocument.Parse(onDisk.Output).RootElement.EnumerateArray().Select(j => (j.GetProperty("id").GetString(), j.GetProperty("derived").GetBoolean())));
    }

    [Test]
    public async Task Hostile_keys_in_the_bucket_are_reported_and_ignored()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        await bucket.WriteAsync($"{S3SeededBucket.Prefix}/jobs/../escape/job.json", "{}");
        await bucket.WriteAsync($"{S3SeededBucket.Prefix}/jobs/not an id!/job.json", "{}");
        await bucket.WriteAsync($"{S3SeededBucket.Prefix}/jobs/job-fixed-0001/checkpoints/..%2F..%2Fx.json", "{}");

        var result = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), "jobs", "list");

        result.ExitCode.Should().Be(0, result.Error);
        result.OutputLines.Should().HaveCount(5, "the five real jobs list");
        result.Error.Should().Contain("not a job: the name is not a job id; ignored");
        result.Error.Should().Contain("not an id!");
        Directory.EnumerateFileSystemEntries(_temp.Path).Should().BeEmpty("nothing is written anywhere");
    }

    [Test]
    public async Task A_bucket_that_does_not_exist_is_one_line()
    {
        var server = await S3TestServer.SharedAsync();
        var environment = new Dictionary<string, string>(server.ChildEnvironment()) { ["PERSTACK_STORAGE_PATH"] = "s3://no-such-bucket-perstack/p" };

        var result = await CliRunner.RunAsync(environment, "jobs", "list");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().Equal("Error: Cannot read s3://no-such-bucket-perstack/p/.perstack/index/jobs.bin: the bucket no-such-bucket-perstack does not exist");
    }

    [Test]
    public async Task Credentials_the_server_refuses_are_one_line_without_the_secret()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = new Dictionary<string, string>(bucket.Server.ChildEnvironment(accessKeyId: "WRONGKEY")) { ["PERSTACK_STORAGE_PATH"] = bucket.Location(S3SeededBucket.Prefix) };

        var result = await CliRunner.RunAsync(environment, "jobs", "list");

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: Cannot read {bucket.Location(S3SeededBucket.Prefix)}/.perstack/index/jobs.bin: ");
        result.Error.Should().NotContain(S3TestServer.SecretAccessKey).And.NotContain("   at ");
    }
}
