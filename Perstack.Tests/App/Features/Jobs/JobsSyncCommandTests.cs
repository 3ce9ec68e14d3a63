using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary><c>jobs push</c> and <c>jobs pull</c> between a copy of the fixture history and a fresh bucket of the real S3 test server.</summary>
[Category(TestCategories.S3)]
public sealed class JobsSyncCommandTests : FixtureCopyTests
{
    private const string Job = "job-fixed-0001";
    private const string Prefix = "team/history";

    private S3TestBucket _bucket = null!;

    private string JobFolder => Path.Combine(Store, "jobs", Job);

    private static string JobKey(string key) => $"{Prefix}/jobs/{Job}/{key}";

    [SetUp]
    public async Task CreateBucket() => _bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();

    [Test]
    public async Task Push_then_pull_into_another_folder_is_byte_identical_and_a_second_push_is_up_to_date()
    {
        var push = await Run("push", Store, Job);
        push.ExitCode.Should().Be(0, push.Error);
        push.OutputLines.Should().Equal($"pushed {Job}: 2 checkpoints, 10 events");
        (await _bucket.KeysAsync($"{Prefix}/jobs/{Job}/")).Should().HaveCount(Hashes(JobFolder).Count);

        var other = Path.Combine(Temp.Path, "other");
        Directory.CreateDirectory(other);
        var pull = await Run("pull", other, Job);
        pull.ExitCode.Should().Be(0, pull.Error);
        pull.OutputLines.Should().Equal($"pulled {Job}: 2 checkpoints, 10 events");
        Hashes(Path.Combine(other, "jobs", Job)).Should().Equal(Hashes(JobFolder));

        (await Run("push", Store, Job)).OutputLines.Should().Equal($"{Job} up to date: 2 checkpoints, 10 events");
        (await Run("pull", other, Job)).OutputLines.Should().Equal($"{Job} up to date: 2 checkpoints, 10 events");
    }

    [Test]
    public async Task A_newer_destination_is_refused_and_left_alone()
    {
        (await Run("push", Store, Job)).ExitCode.Should().Be(0);
        await _bucket.WriteAsync(JobKey("checkpoints/zzzzzzzzzzzzzzzzzzzzzzzz.json"), "{}");
        var keys = await _bucket.KeysAsync(Prefix);

        var push = await Run("push", Store, Job);

        push.ExitCode.Should().Be(1);
        push.ErrorLines.Should().Equal($"Error: Job {Job} in {_bucket.Location(Prefix)} is newer (it holds every checkpoint here and more); pull it instead");
        (await _bucket.KeysAsync(Prefix)).Should().Equal(keys);

        var pull = await Run("pull", Store, Job);
        pull.ExitCode.Should().Be(0, pull.Error);
        File.Exists(Path.Combine(JobFolder, "checkpoints", "zzzzzzzzzzzzzzzzzzzzzzzz.json")).Should().BeTrue();
    }

    [Test]
    public async Task Diverged_copies_are_refused_naming_the_job_and_nothing_is_written()
    {
        (await Run("push", Store, Job)).ExitCode.Should().Be(0);
        await _bucket.WriteAsync(JobKey("checkpoints/zzzzzzzzzzzzzzzzzzzzzzzz.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(JobFolder, "checkpoints", "yyyyyyyyyyyyyyyyyyyyyyyy.json"), "{}");
        var keys = await _bucket.KeysAsync(Prefix);
        var local = FileHashes.Of(JobFolder);

        var push = await Run("push", Store, Job);
        var pull = await Run("pull", Store, Job);

        push.ExitCode.Should().Be(1);
        push.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: Job {Job} has diverged: ");
        pull.ExitCode.Should().Be(1);
        pull.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: Job {Job} has diverged: ");
        (await _bucket.KeysAsync(Prefix)).Should().Equal(keys);
        FileHashes.Of(JobFolder).Should().Equal(local);
    }

    [Test]
    public async Task An_interrupted_push_is_finished_by_a_rerun_with_job_json_last()
    {
        (await Run("push", Store, Job)).ExitCode.Should().Be(0);
        using (var client = _bucket.Server.CreateClient())
        {
            // What a push stopped half-way leaves: job.json (written last) and some objects are missing, one is cut short.
            await client.DeleteObjectAsync(_bucket.Name, JobKey("job.json"));
            await client.DeleteObjectAsync(_bucket.Name, JobKey("checkpoints/q68ojxx56kn48pq6a1vww5bv.json"));
            await client.DeleteObjectAsync(_bucket.Name, JobKey("runs/run-fixed-0001/event-1795738496555-2-completeRun.json"));
        }

        await _bucket.WriteAsync(JobKey("runs/run-fixed-0001/run-setting.json"), "{\"cut");

        var rerun = await Run("push", Store, Job);

        rerun.ExitCode.Should().Be(0, rerun.Error);
        rerun.OutputLines.Should().Equal($"pushed {Job}: 2 checkpoints, 10 events");
        foreach (var key in Hashes(JobFolder).Keys)
        {
            (await _bucket.ReadAsync(JobKey(key.Replace('\\', '/')))).Should().Be(await File.ReadAllTextAsync(Path.Combine(JobFolder, key)), key);
        }
    }

    [Test]
    public async Task A_running_job_is_refused_with_the_running_message()
    {
        var stores = new Stores(Store);
        using (stores.Locks.Acquire(JobId.Parse(Job)))
        {
            var push = await Run("push", Store, Job);

            push.ExitCode.Should().Be(1);
            push.ErrorLines.Should().ContainSingle().Which.Should().Be($"Job {Job} is already running in another process", "the message a second run gets");
        }

        stores.Checkpoints.Dispose();
        (await _bucket.KeysAsync(Prefix)).Should().BeEmpty();
    }

    [Test]
    public async Task Each_job_gets_its_line_and_a_missing_one_fails_the_command()
    {
        var result = await Run("push", Store, Job, "nosuchjob", "r5fwacdzy063tewk7tqaxskw");

        result.ExitCode.Should().Be(1);
        result.OutputLines.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("pushed ", StringComparison.Ordinal));
        result.ErrorLines.Should().Equal($"Error: Job nosuchjob not found in {Store}");

        var other = Path.Combine(Temp.Path, "other");
        Directory.CreateDirectory(other);
        var pull = await Run("pull", other, "nosuchjob");
        pull.ErrorLines.Should().Equal($"Error: Job nosuchjob not found in {_bucket.Location(Prefix)}");
        Directory.Exists(Path.Combine(other, "jobs", "nosuchjob")).Should().BeFalse("a refused pull leaves no folder behind");
    }

    [TestCase("push", "../etc", "--to", "s3://b-ok/p", "Invalid job id \"../etc\"")]
    [TestCase("push", Job, "--to", "/tmp/folder", "Error: --to must name a bucket (s3://bucket/prefix), not /tmp/folder")]
    [TestCase("pull", Job, "--from", "s3://A_B/p", "Error: Storage location s3://A_B/p (from --from) is not a valid S3 location")]
    [TestCase("pull", Job, "--from", "ftp://x/y", "Error: Storage location ftp://x/y (from --from) has the scheme ftp:")]
    public async Task Bad_ids_and_locations_are_one_line(string command, string id, string option, string location, string start)
    {
        var result = await CliRunner.RunAsync(_bucket.Server.ChildEnvironment(), "jobs", command, id, option, location, "--storage-path", Store);

        result.ExitCode.Should().Be(1);
        result.ErrorLines.Should().ContainSingle().Which.Should().Contain(start);
    }

    [Test]
    public async Task Hostile_keys_in_the_bucket_are_reported_and_not_pulled()
    {
        (await Run("push", Store, Job)).ExitCode.Should().Be(0);
        await _bucket.WriteAsync(JobKey("secrets.txt"), "{}");
        await _bucket.WriteAsync(JobKey("checkpoints/..%2Fx.json"), "{}");
        var other = Path.Combine(Temp.Path, "other");
        Directory.CreateDirectory(other);

        var pull = await Run("pull", other, Job);

        pull.ExitCode.Should().Be(0, pull.Error);
        pull.ErrorLines.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("Warning: ", StringComparison.Ordinal) && l.EndsWith("is not a key of the job layout; ignored", StringComparison.Ordinal));
        Hashes(Path.Combine(other, "jobs", Job)).Should().Equal(Hashes(JobFolder));
        Directory.EnumerateFiles(other, "*", SearchOption.AllDirectories).Should().OnlyContain(f => f.StartsWith(Path.Combine(other, "jobs", Job), StringComparison.Ordinal));
    }

    // The job's files by their path relative to the job folder (the lock left out).
    private static Dictionary<string, string> Hashes(string folder) =>
        FileHashes.Of(folder).ToDictionary(p => Path.GetRelativePath(folder, p.Key), p => p.Value, StringComparer.Ordinal);

    private Task<CliResult> Run(string command, string folder, params string[] ids) =>
        CliRunner.RunAsync(_bucket.Server.ChildEnvironment(), ["jobs", command, .. ids, command == "push" ? "--to" : "--from", _bucket.Location(Prefix), "--storage-path", folder]);
}
