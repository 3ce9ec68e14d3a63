using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;
using Perstack.Tests.Storage.S3;
using Perstack.Tests.TestKit.Files;

namespace Perstack.Tests.App.Features.Jobs;

/// <summary>
/// <c>jobs push</c> writes the bucket like a run: it holds the job's lease there, refuses a server without conditional
/// writes unless allowed, and takes perstack.toml's <c>[storage]</c> settings for <c>--to</c>/<c>--from</c> by the rule
/// docs/storage.md states.
/// </summary>
[Category(TestCategories.S3)]
public sealed class JobsSyncLeaseTests : FixtureCopyTests
{
    private const string Job = "job-fixed-0001";
    private const string Prefix = "team/history";

    [Test]
    public async Task A_push_is_refused_in_one_line_while_another_machine_holds_the_jobs_lease_and_the_others_still_go()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        using var otherMachine = S3SeededBucket.OtherMachine(bucket);
        var held = otherMachine.Acquire(JobId.Parse(Job));

        var push = await Run(bucket, "push", Job, "gf13yre28vrnvqtt96gqls80");

        push.ExitCode.Should().Be(1);
        push.ErrorLines.Should().Equal($"Error: Job {Job} is being written in {bucket.Location(Prefix)} by another process (it holds the job's lease); nothing pushed");
        push.OutputLines.Should().ContainSingle().Which.Should().StartWith("pushed gf13yre28vrnvqtt96gqls80: ");
        (await bucket.KeysAsync($"{Prefix}/jobs/{Job}/")).Should().BeEmpty();

        held.Dispose();
        var again = await Run(bucket, "push", Job);
        again.ExitCode.Should().Be(0, again.Error);
        (await bucket.ReadAsync($"{Prefix}/.perstack/leases/{Job}.json")).Should().Contain("\"released\":true", "the push held the lease and let it go");
        (await bucket.ReadAsync($"{Prefix}/.perstack/leases/gf13yre28vrnvqtt96gqls80.json")).Should().Contain("\"released\":true");
    }

    [Test]
    public async Task A_pull_reads_a_job_another_machine_holds()
    {
        var bucket = await (await S3TestServer.SharedAsync()).CreateBucketAsync();
        (await Run(bucket, "push", Job)).ExitCode.Should().Be(0);
        using var otherMachine = S3SeededBucket.OtherMachine(bucket);
        using var held = otherMachine.Acquire(JobId.Parse(Job));
        var other = Directory.CreateDirectory(Path.Combine(Temp.Path, "other")).FullName;

        var pull = await CliRunner.RunAsync(bucket.Server.ChildEnvironment(), "jobs", "pull", Job, "--from", bucket.Location(Prefix), "--storage-path", other);

        pull.ExitCode.Should().Be(0, pull.Error);
        pull.OutputLines.Should().Equal($"pulled {Job}: 2 checkpoints, 10 events");
    }

    [Test]
    public async Task A_push_to_a_server_without_conditional_writes_is_refused_in_one_line_and_writes_nothing()
    {
        var bucket = await (await S3TestServer.WithoutConditionalWritesAsync()).CreateBucketAsync();

        var push = await Run(bucket, "push", Job);

        push.ExitCode.Should().Be(1);
        push.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: The S3 server of {bucket.Location(Prefix)} does not honour conditional writes")
            .And.EndWith("To write anyway, set allowUnsafeWrites = true in perstack.toml's [storage] table");
        (await bucket.KeysAsync()).Should().BeEmpty();
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task Storage_settings_of_perstack_toml_apply_to_the_bucket_of_to_unless_its_path_names_another_bucket()
    {
        var bucket = await (await S3TestServer.WithoutConditionalWritesAsync()).CreateBucketAsync();
        var project = Directory.CreateDirectory(Path.Combine(Temp.Path, "project")).FullName;
        var toml = Path.Combine(project, "perstack.toml");
        // The environment points at nothing: only perstack.toml's endpoint reaches the server.
        var environment = new Dictionary<string, string>(bucket.Server.ChildEnvironment(new Uri("http://127.0.0.1:9")));
        string[] push = ["jobs", "push", Job, "--to", bucket.Location(Prefix), "--storage-path", Store];

        await File.WriteAllTextAsync(toml, $"[storage]\npath = \"s3://another-bucket/x\"\nendpoint = \"{bucket.Server.Endpoint}\"\nallowUnsafeWrites = true\n");
        var otherBucket = await PerstackProcess.RunAsync(project, environment, push);
        otherBucket.ExitCode.Should().Be(1);
        otherBucket.ErrorLines.Should().ContainSingle().Which.Should().Contain("cannot be reached", "the settings are another bucket's");

        await File.WriteAllTextAsync(toml, $"[storage]\npath = \"./perstack\"\nendpoint = \"{bucket.Server.Endpoint}\"\nallowUnsafeWrites = true\n");
        var folderHistory = await PerstackProcess.RunAsync(project, environment, push);
        folderHistory.ExitCode.Should().Be(0, folderHistory.Error);
        folderHistory.OutputLines.Should().Equal($"pushed {Job}: 2 checkpoints, 10 events");

        await File.WriteAllTextAsync(toml, $"[storage]\npath = \"{bucket.Location("elsewhere")}\"\nendpoint = \"{bucket.Server.Endpoint}\"\n");
        var sameBucket = await PerstackProcess.RunAsync(project, environment, push);
        sameBucket.ExitCode.Should().Be(1);
        sameBucket.ErrorLines.Should().ContainSingle().Which.Should().Contain("does not honour conditional writes", "the same bucket's settings apply, and they do not allow unsafe writes");
    }

    private Task<CliResult> Run(S3TestBucket bucket, string command, params string[] ids) =>
        CliRunner.RunAsync(bucket.Server.ChildEnvironment(), ["jobs", command, .. ids, "--to", bucket.Location(Prefix), "--storage-path", Store]);
}
