using System.Diagnostics;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.Tests.App.Helpers;
using Perstack.Tests.Helpers;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Half-done work: <c>jobs import</c> and <c>jobs delete</c> killed with SIGKILL at deterministic pseudo-random moments.
/// After each kill the job is there whole or not at all (never a folder a listing warns about); the hidden staging
/// (<c>.creating-*</c>) and doomed (<c>.deleting-*</c>) folders a kill leaves are left alone by commands that only
/// read, and removed by the next command that writes.
/// </summary>
[TestFixture]
public sealed class LeftoverKillTests : ReliabilityTest
{
    private const int Imports = 14;
    private static readonly JobId Source = JobId.Parse("big-source");

    protected override string Family => "Half-done work";

    [Test]
    [CancelAfter(300_000)]
    public async Task Imports_and_deletes_killed_midway_leave_whole_jobs_and_the_next_write_clears_their_leftovers(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var store = Path.Combine(temp.Path, "perstack");
        var stores = new Stores(store);
        await WriteBigJobAsync(stores);
        var export = Path.Combine(temp.Path, "big.json");
        (await CliRunner.RunAsync("jobs", "export", Source.Value, "--format", "json", "-o", export, "--storage-path", store)).ExitCode.Should().Be(0);
        var random = new Random(Seed + 300);

        int importKills = 0, importsDone = 0, deleteKills = 0, deletesDone = 0, creating = 0, deleting = 0;
        for (int i = 1; i <= Imports; i++)
        {
            bool killed = await RunAndKillAsync(store, random.Next(150, 1200), cancellationToken, "jobs", "import", export);
            (killed ? ref importKills : ref importsDone)++;
            await CheckWholeAsync(stores, $"after import {i} ({(killed ? "killed" : "finished")})");
        }

        foreach (var job in (await stores.Jobs.ListAsync(cancellationToken)).Items.Where(j => j.Id != Source).Select(j => j.Id).ToList())
        {
            bool killed = await RunAndKillAsync(store, random.Next(100, 700), cancellationToken, "jobs", "delete", job.Value, "--yes");
            (killed ? ref deleteKills : ref deletesDone)++;
            await CheckWholeAsync(stores, $"after deleting {job} ({(killed ? "killed" : "finished")})");
        }

        creating = Hidden(store, ".creating-");
        deleting = Hidden(store, ".deleting-");
        var before = TreeSnapshot.Take(store);
        (await CliRunner.RunAsync("jobs", "list", "--storage-path", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("jobs", "show", Source.Value, "--storage-path", store)).ExitCode.Should().Be(0);
        TreeSnapshot.Take(store).Should().Equal(before, "commands that only read never clean up");

        var write = await CliRunner.RunAsync("jobs", "title", Source.Value, "Cleaned", "--storage-path", store);
        write.ExitCode.Should().Be(0, write.Error);
        Directory.GetDirectories(stores.Layout.JobsDirectory, ".*").Should().BeEmpty("the next write removes every leftover whose owner is gone");
        StoreAudit.ParseEveryFile(store, "at the end").TempFiles.Should().Be(0);

        (importKills + deleteKills).Should().BeGreaterThan(0, "some kills must land mid-way");
        Held(
            "SIGKILL of `jobs import` (a 300-checkpoint job, 2.5 MB)",
            importKills,
            $"{importKills} imports killed at 150–1200 ms ({importsDone} finished first): after each, every job listed whole (job.json and 300 " +
            $"checkpoints load) or absent, no listing warning; {creating} .creating-* leftovers at the end");
        Held(
            "SIGKILL of `jobs delete`",
            deleteKills,
            $"{deleteKills} deletes killed at 100–700 ms ({deletesDone} finished first): the job listed whole or gone, never half; {deleting} .deleting-* leftovers at the end");
        Held(
            "Leftovers of killed writers: reads leave them, the next write removes them",
            creating + deleting,
            $"{creating + deleting} leftover folders untouched (tree byte-identical) by jobs list and jobs show, all removed by the next write (jobs title), no temp file left");
    }

    private static async Task WriteBigJobAsync(Stores stores)
    {
        using (await stores.Jobs.CreateAsync(TestData.Job(Source.Value)))
        {
        }

        for (int step = 1; step <= 300; step++)
        {
            var checkpoint = TestData.Checkpoint(Source, step);
            await stores.Checkpoints.SaveAsync(checkpoint with
            {
                Messages = [.. checkpoint.Messages, new UserMessage { Id = $"big{step}", Contents = [new TextPart { Id = $"bigp{step}", Text = new string('z', 8_000) }] }],
            });
        }
    }

    /// <summary>Every job listed loads whole; no folder is a half job.</summary>
    private static async Task CheckWholeAsync(Stores stores, string because)
    {
        var listing = await stores.Jobs.ListAsync();
        listing.Problems.Should().BeEmpty(because);
        foreach (var job in listing.Items)
        {
            (await StoreAudit.LoadJobAsync(stores, job.Id, because)).Should().Be(300, $"{job.Id} has all its checkpoints {because}");
        }
    }

    private static int Hidden(string store, string prefix) =>
        Directory.GetDirectories(Path.Combine(store, "jobs"), prefix + "*").Length;

    /// <summary>Starts <c>perstack</c> and kills it after <paramref name="delayMs"/>; false when it finished first.</summary>
    private static async Task<bool> RunAndKillAsync(string store, int delayMs, CancellationToken cancellationToken, params string[] args)
    {
        using var process = Process.Start(PerstackProcess.StartInfo(null, null, [.. args, "--storage-path", store]))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(exited, Task.Delay(delayMs, cancellationToken)) != exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
            await output;
            await errors;
            return true;
        }

        await exited;
        process.ExitCode.Should().Be(0, await errors);
        await output;
        return false;
    }
}
