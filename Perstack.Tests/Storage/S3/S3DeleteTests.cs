using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.S3;

namespace Perstack.Tests.Storage.S3;

/// <summary>
/// <c>jobs delete</c> and <c>jobs prune</c> on a bucket are writers like a run: they take the job's lease (a job another
/// machine is writing is refused) and refuse where the server does not honour conditional writes, unless allowed.
/// </summary>
[Category(TestCategories.S3)]
public sealed class S3DeleteTests
{
    private const string Job = "job-fixed-0001";
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string JobPrefix(string jobId) => $"{S3SeededBucket.Prefix}/jobs/{jobId}/";

    [Test]
    public async Task Delete_refuses_a_job_whose_lease_another_machine_holds_and_deletes_it_once_released()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket);
        var keys = await bucket.KeysAsync(JobPrefix(Job));
        using var otherMachine = S3SeededBucket.OtherMachine(bucket);
        var held = otherMachine.Acquire(JobId.Parse(Job));

        var refused = await CliRunner.RunAsync(environment, "jobs", "delete", Job, "--yes");

        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().Equal($"Job {Job} is already running in another process");
        (await bucket.KeysAsync(JobPrefix(Job))).Should().Equal(keys);

        held.Dispose();
        var deleted = await CliRunner.RunAsync(environment, "jobs", "delete", Job, "--yes");
        deleted.ExitCode.Should().Be(0, deleted.Error);
        (await bucket.KeysAsync(JobPrefix(Job))).Should().BeEmpty();
    }

    [Test]
    public async Task Prune_keeps_a_job_another_machine_holds_and_deletes_the_rest()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        using var otherMachine = S3SeededBucket.OtherMachine(bucket);
        using var held = otherMachine.Acquire(JobId.Parse(Job));

        var prune = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), "jobs", "prune", "--keep", "0", "--yes");

        prune.ExitCode.Should().Be(0, prune.Error);
        prune.Output.Should().NotContain(Job);
        (await bucket.KeysAsync($"{S3SeededBucket.Prefix}/jobs/")).Should().OnlyContain(k => k.StartsWith(JobPrefix(Job), StringComparison.Ordinal))
            .And.NotBeEmpty();
    }

    [Test]
    public async Task A_delete_racing_a_new_holder_is_refused_by_the_lease_and_deletes_nothing()
    {
        var bucket = await S3SeededBucket.CreateAsync();
        var environment = S3SeededBucket.Environment(bucket);
        string? Variable(string name) => environment.TryGetValue(name, out var value) ? value : null;
        using var services = Composition.Build(Composition.ResolveStorage(null, Variable), Variable);
        var store = services.GetRequiredService<IJobStore>();
        var keys = await bucket.KeysAsync(JobPrefix(Job));
        using var otherMachine = S3SeededBucket.OtherMachine(bucket);
        using var held = otherMachine.Acquire(JobId.Parse(Job));

        var delete = () => store.DeleteAsync(JobId.Parse(Job));

        await delete.Should().ThrowAsync<JobLockedException>();
        (await bucket.KeysAsync(JobPrefix(Job))).Should().Equal(keys);
    }

    [TestCase("delete", Job, "--yes")]
    [TestCase("prune", "--keep", "0", "--yes")]
    public async Task A_server_without_conditional_writes_is_refused_in_one_line_and_nothing_is_deleted(params string[] command)
    {
        var bucket = await S3SeededBucket.CreateAsync(server: await S3TestServer.WithoutConditionalWritesAsync());
        var keys = await bucket.KeysAsync();

        var refused = await CliRunner.RunAsync(S3SeededBucket.Environment(bucket), ["jobs", .. command]);

        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().ContainSingle().Which.Should().StartWith($"Error: The S3 server of {bucket.Location(S3SeededBucket.Prefix)} does not honour conditional writes")
            .And.EndWith("To write anyway, set allowUnsafeWrites = true in perstack.toml's [storage] table");
        (await bucket.KeysAsync()).Should().Equal(keys);
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public async Task AllowUnsafeWrites_in_perstack_toml_lets_delete_and_prune_write_to_such_a_server()
    {
        var bucket = await S3SeededBucket.CreateAsync(server: await S3TestServer.WithoutConditionalWritesAsync());
        await File.WriteAllTextAsync(Path.Combine(_temp.Path, "perstack.toml"), "[storage]\nallowUnsafeWrites = true\n");
        var environment = S3SeededBucket.Environment(bucket);

        var delete = await PerstackProcess.RunAsync(_temp.Path, environment, "jobs", "delete", Job, "--yes");
        var prune = await PerstackProcess.RunAsync(_temp.Path, environment, "jobs", "prune", "--keep", "1", "--yes");

        delete.ExitCode.Should().Be(0, delete.Error);
        prune.ExitCode.Should().Be(0, prune.Error);
        (await bucket.KeysAsync(JobPrefix(Job))).Should().BeEmpty();
        (await CliRunner.RunAsync(environment, "jobs", "list")).OutputLines.Should().HaveCount(1);
    }
}
