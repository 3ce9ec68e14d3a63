using System.Runtime.Versioning;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// A store that cannot be written: a clear one-line error, a non-zero exit, and nothing already written is damaged.
/// "Disk full" is simulated with a file size limit on the child process (<c>ulimit -f</c>, SIGXFSZ ignored, so writes
/// past it fail with EFBIG "File too large" as they would with ENOSPC); a read-only store and an unreadable folder use
/// file modes, with the child dropped to user <c>nobody</c> via <c>setpriv</c> when the tests run as root (root ignores
/// file modes).
/// </summary>
[Category(TestCategories.Reliability)]
[TestFixture]
public sealed class StorageFaultTests : ReliabilityTest
{
    protected override string Family => "Storage faults";

    [Test]
    [CancelAfter(180_000)]
    public async Task A_full_disk_stops_the_run_with_a_clear_error_and_damages_nothing(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            Assert.Ignore("needs bash and ulimit -f (Unix)");
        }

        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        var jobId = RunWorkspace.JobIdOf(first);
        var job = JobId.Parse(jobId);
        var stores = new Stores(workspace.Store);
        int failed = 0;
        int completed = 0;
        var query = "Please " + new string('q', 30_000);
        foreach (var limitKb in new[] { 1, 4, 8, 16, 24, 32, 48, 64, 128, 4096 })
        {
            var before = FileHashes.Of(workspace.Store);
            var limited = await LimitedProcess.RunAsync(workspace, $"ulimit -f {limitKb}", "run", "fake-basic", query, "--continue-job", jobId);
            var because = $"with a {limitKb} KB file size limit: {limited.Error}";
            limited.Error.Should().NotContain("   at ", because).And.NotContain("Internal error", because);
            if (limited.ExitCode == 0)
            {
                RunWorkspace.Sequence(limited)[^1].Should().StartWith("completeRun@", because);
                completed++;
            }
            else
            {
                limited.ExitCode.Should().Be(1, because);
                limited.ErrorLines.Should().ContainSingle(because).Which.Should().Contain("File too large", because);
                failed++;
            }

            // Files written before are unchanged (job.json may only have moved on to its final status).
            var after = FileHashes.Of(workspace.Store);
            foreach (var (path, hash) in before.Where(b => !b.Key.EndsWith("job.json", StringComparison.Ordinal) && !b.Key.EndsWith("checkpoint-index.json", StringComparison.Ordinal)))
            {
                after.Should().ContainKey(path, because).WhoseValue.Should().Be(hash, $"{path} {because}");
            }

            StoreAudit.ParseEveryFile(workspace.Store, because).TempFiles.Should().Be(0, because);
            await StoreAudit.LoadJobAsync(stores, job, because);
            (await stores.Jobs.GetAsync(job, cancellationToken))!.Status.Should().NotBe(JobStatus.Running, because);
        }

        failed.Should().BeGreaterThan(0, "small limits must fail");
        var resumed = await workspace.RunAsync("run", "fake-basic", "Now finish", "--continue-job", jobId);
        resumed.ExitCode.Should().Be(0, resumed.Error);
        Held("Disk full (file size limit, EFBIG) during a continued run", failed + completed,
            $"limits 1 KB–4 MB with a 30 KB query: {failed} runs stopped with exit 1 and one \"File too large\" line, {completed} completed; " +
            "every earlier file byte-identical, job never left running, no temp file; the job then resumed and completed");
    }

    [Test]
    [CancelAfter(120_000)]
    [UnsupportedOSPlatform("windows")]
    public async Task A_read_only_store_refuses_writes_with_a_clear_error_and_stays_readable(CancellationToken cancellationToken)
    {
        var drop = LimitedProcess.DropPrivileges("root ignores file modes, so a read-only store cannot be simulated");
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        var jobId = RunWorkspace.JobIdOf(first);
        var second = RunWorkspace.JobIdOf(await workspace.RunAsync("run", "fake-basic", "Say hello again"));
        var unreadable = Path.Combine(workspace.Store, "jobs", second, "checkpoints");
        SetModeRecursive(workspace.Store, readOnly: true);
        try
        {
            var before = FileHashes.Of(workspace.Store);
            var writes = new[]
            {
                new[] { "run", "fake-basic", "More", "--continue-job", jobId },
                ["run", "fake-basic", "A new job"],
                ["jobs", "title", jobId, "New title"],
                ["jobs", "delete", jobId, "--yes"],
                ["jobs", "fork", jobId, "--from", LastCheckpoint(workspace.Store, jobId)],
            };
            foreach (var args in writes)
            {
                var result = await LimitedProcess.RunAsync(workspace, drop, args);
                var because = $"{string.Join(' ', args)}: {result.Error}";
                result.ExitCode.Should().Be(1, because);
                result.ErrorLines.Should().ContainSingle(because);
                result.Error.Should().NotContain("   at ", because).And.NotContain("Internal error", because);
            }

            FileHashes.Of(workspace.Store).Should().Equal(before, "nothing in a read-only store changed");
            var list = await LimitedProcess.RunAsync(workspace, drop, "jobs", "list");
            list.ExitCode.Should().Be(0, list.Error);
            list.Output.Should().Contain(jobId).And.Contain(second);

            // One job's checkpoints unreadable: the job reports it, the other job is unaffected.
            File.SetUnixFileMode(unreadable, UnixFileMode.None);
            var listed = await LimitedProcess.RunAsync(workspace, drop, "jobs", "list");
            listed.ExitCode.Should().Be(0, listed.Error);
            listed.Output.Should().Contain(jobId).And.Contain(second);
            var show = await LimitedProcess.RunAsync(workspace, drop, "jobs", "show", second);
            show.Error.Should().NotContain("   at ").And.NotContain("Internal error");
            if (show.ExitCode == 0)
            {
                show.Error.Should().Contain("checkpoints", "the unreadable folder is reported");
            }
            else
            {
                show.ErrorLines.Should().ContainSingle();
            }

            var other = await LimitedProcess.RunAsync(workspace, drop, "jobs", "show", jobId);
            other.ExitCode.Should().Be(0, other.Error);
            Held("Read-only store and an unreadable folder", writes.Length + 4,
                $"{writes.Length} writing commands (continue, new run, title, delete, fork) exit 1 with one line, store byte-identical; jobs list/show still work; an unreadable checkpoints folder is reported for its job only" +
                (drop is null ? "" : " (child run as nobody via setpriv, as the tests run as root)"));
        }
        finally
        {
            // First the folder made unreadable, so the recursive walk can enter it without root's privileges.
            File.SetUnixFileMode(unreadable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            SetModeRecursive(workspace.Store, readOnly: false);
        }
    }

    private static string LastCheckpoint(string store, string jobId) =>
        Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(store, "jobs", jobId, "checkpoints")).OrderBy(File.GetLastWriteTimeUtc).Last());

    [UnsupportedOSPlatform("windows")]
    private static void SetModeRecursive(string root, bool readOnly)
    {
        const UnixFileMode Read = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var folderMode = readOnly ? Read | Execute : Read | Execute | UnixFileMode.UserWrite;
        var fileMode = readOnly ? Read : Read | UnixFileMode.UserWrite;
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
        {
            File.SetUnixFileMode(folder, folderMode);
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, fileMode);
        }
    }
}
