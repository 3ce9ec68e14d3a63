using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Domain.Messages;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Reliability;

/// <summary>
/// Half-done work: <c>jobs import</c> and <c>jobs delete</c> killed with SIGKILL at deterministic pseudo-random moments.
/// After each kill the job is there whole or not at all (never a folder a listing warns about); the hidden staging
/// (<c>.creating-*</c>) and doomed (<c>.deleting-*</c>) folders a kill leaves are left alone by commands that only
/// read, and removed by the next command that writes.
/// </summary>
[Category(TestCategories.Reliability)]
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

        // Kills follow the command's progress, not the clock (process start-up takes seconds on a loaded machine):
        // a kill comes a pseudo-random moment after the command's hidden folder appears. Every third import runs to the
        // end, so there are jobs to delete.
        int importKills = 0, importsDone = 0, deleteKills = 0, deletesDone = 0, creating = 0, deleting = 0;
        for (int i = 1; i <= Imports; i++)
        {
            bool killed = await RunAndKillAsync(store, i % 3 == 0 ? null : (".creating-", random.Next(0, 400)), cancellationToken, "jobs", "import", export);
            (killed ? ref importKills : ref importsDone)++;
            creating += Hidden(store, ".creating-");
            await CheckWholeAsync(stores, $"after import {i} ({(killed ? "killed" : "finished")})");
        }

        foreach (var job in (await stores.Jobs.ListAsync(cancellationToken)).Items.Where(j => j.Id != Source).Select(j => j.Id).ToList())
        {
            bool killed = await RunAndKillAsync(store, (".deleting-", random.Next(0, 3)), cancellationToken, "jobs", "delete", job.Value, "--yes");
            (killed ? ref deleteKills : ref deletesDone)++;
            deleting += Hidden(store, ".deleting-");
            await CheckWholeAsync(stores, $"after deleting {job} ({(killed ? "killed" : "finished")})");
        }

        int left = Hidden(store, ".creating-") + Hidden(store, ".deleting-");
        var before = TreeSnapshot.Take(store);
        (await CliRunner.RunAsync("jobs", "list", "--storage-path", store)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("jobs", "show", Source.Value, "--storage-path", store)).ExitCode.Should().Be(0);
        TreeSnapshot.Take(store).Should().Equal(before, "commands that only read never clean up");

        var write = await CliRunner.RunAsync("jobs", "title", Source.Value, "Cleaned", "--storage-path", store);
        write.ExitCode.Should().Be(0, write.Error);
        Directory.GetDirectories(stores.Layout.JobsDirectory, ".*").Should().BeEmpty("the next write removes every leftover whose owner is gone");
        StoreAudit.ParseEveryFile(store, "at the end").TempFiles.Should().Be(0);

        importKills.Should().BeGreaterThan(0, "imports must be killed mid-way");
        creating.Should().BeGreaterThan(0, "killed imports leave staging folders");
        Held(
            "SIGKILL of `jobs import` (a 300-checkpoint job, 2.5 MB)",
            importKills,
            $"{importKills} imports killed 0–400 ms after their staging folder appeared ({importsDone} let finish): after each, every job listed whole " +
            $"(job.json and 300 checkpoints load) or absent, no listing warning; {creating} .creating-* leftovers seen after kills, each removed by a later write");
        Held(
            "SIGKILL of `jobs delete`",
            deleteKills,
            $"{deleteKills} deletes killed 0–2 ms after the job was renamed out ({deletesDone} finished first): the job listed whole or gone, never half; {deleting} .deleting-* leftovers seen after kills");
        Held(
            "Leftovers of killed writers: reads leave them, the next write removes them",
            creating + deleting,
            $"{creating + deleting} leftover folders seen after kills, each removed by the next write; the {left} left at the end untouched (tree byte-identical) by jobs list and jobs show, then removed by jobs title; no temp file left");
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

    /// <summary>
    /// Starts <c>perstack</c> and, when <paramref name="kill"/> is given, kills it its delay after a folder with its prefix
    /// appears in <c>jobs/</c>; false when it finished first.
    /// </summary>
    private static async Task<bool> RunAndKillAsync(string store, (string Prefix, int DelayMs)? kill, CancellationToken cancellationToken, params string[] args)
    {
        var jobs = Path.Combine(store, "jobs");
        var before = Directory.GetDirectories(jobs, ".*").ToHashSet();
        using var process = ChildProcess.Start(PerstackProcess.StartInfo(null, null, [.. args, "--storage-path", store]))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var exited = process.WaitForExitAsync(cancellationToken);
        var reached = kill is { } k ? Task.Run(async () =>
        {
            while (!process.HasExited && !Directory.GetDirectories(jobs, k.Prefix + "*").Any(d => !before.Contains(d)))
            {
                await Task.Delay(1, cancellationToken);
            }

            await Task.Delay(k.DelayMs, cancellationToken);
        }, cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);
        if (await Task.WhenAny(exited, reached) != exited)
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
