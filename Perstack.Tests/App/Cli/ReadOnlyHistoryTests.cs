using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Perstack.Tests.TestKit.Files;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Cli;

/// <summary>
/// A history may sit in git, on a read-only mount or be shared: the commands that only read leave every byte of it
/// as it was, the first listing of a tree that has no cache yet included. Their speed-ups live in the user's cache.
/// </summary>
public sealed class ReadOnlyHistoryTests : FixtureCopyTests
{
    private const string Job = "gf13yre28vrnvqtt96gqls80";
    private const string Checkpoint = "yw9btho82skvsne8l9e29v8o";

    private Dictionary<string, string> Environment => new() { ["XDG_CACHE_HOME"] = Temp.CacheHome, ["HOME"] = Temp.Path };

    [Test]
    public async Task Reading_commands_leave_the_tree_byte_for_byte_unchanged_and_cache_outside_it()
    {
        var before = TreeSnapshot.Take(Store);
        Directory.Exists(Temp.CacheHome).Should().BeFalse("no cache yet: the first listing builds it");

        string[][] commands =
        [
            ["jobs", "list"],
            ["jobs", "list", "--json"],
            ["jobs", "list", "--status", "interrupted"],
            ["jobs", "show", Job],
            ["jobs", "show", Job, "--json"],
            ["jobs", "export", Job],
            ["jobs", "export", Job, "--format", "json"],
            ["log"],
            ["log", "--job", Job, "--json"],
            ["log", "--job", Job, "--checkpoint", Checkpoint, "--messages"],
            ["jobs", "list"], // again, now with the cache
            ["jobs", "show", Job],
        ];
        foreach (var command in commands)
        {
            var result = await CliRunner.RunAsync(Environment, [.. command, "--storage-path", Store]);
            result.ExitCode.Should().Be(0, $"{string.Join(' ', command)}: {result.Error}");
            TreeSnapshot.Take(Store).Should().Equal(before, $"`perstack {string.Join(' ', command)}` only reads");
        }

        foreach (var line in new[] { $"perstack jobs show --storage-path {Store} ", $"perstack run --storage-path {Store} --continue-job {Job} --resume-from " })
        {
            var suggested = await CliRunner.RunAsync(Environment, $"[suggest:{line.Length}]", line);
            suggested.ExitCode.Should().Be(0, suggested.Error);
            suggested.OutputLines.Should().NotBeEmpty();
            TreeSnapshot.Take(Store).Should().Equal(before, $"completing `{line}` only reads");
        }

        Directory.EnumerateFiles(Temp.CacheHome, "jobs-index.bin", SearchOption.AllDirectories).Should().ContainSingle("the speed-ups went to the user's cache");
        Directory.EnumerateFiles(Temp.CacheHome, "*.json", SearchOption.AllDirectories).Should().NotBeEmpty("checkpoint indexes too");
    }

    [Test]
    public async Task A_cache_folder_that_cannot_be_written_means_no_cache_not_an_error()
    {
        File.WriteAllText(Temp.CacheHome, "a file where the cache folder should be");
        var before = TreeSnapshot.Take(Store);

        var list = await CliRunner.RunAsync(Environment, "jobs", "list", "--storage-path", Store);
        var show = await CliRunner.RunAsync(Environment, "jobs", "show", Job, "--storage-path", Store);
        var withoutCache = await CliRunner.RunAsync("jobs", "list", "--storage-path", Store);

        list.ExitCode.Should().Be(0, list.Error);
        list.Error.Should().BeEmpty();
        list.Output.Should().Be(withoutCache.Output);
        show.ExitCode.Should().Be(0, show.Error);
        TreeSnapshot.Take(Store).Should().Equal(before);
    }

    [Test]
    public async Task Browsing_in_the_workbench_leaves_the_tree_unchanged()
    {
        using var tui = await TuiHarness.StartAsync();
        await tui.PressAsync(Key.CursorDown, Key.CursorDown, Key.C, Key.E, Key.Enter, Key.B, Key.Esc, Key.Esc);
        await tui.PressAsync(Key.R);

        TreeSnapshot.Take(tui.Store, withTimes: false).Should().Equal(TreeSnapshot.Take(Fixture.Root, withTimes: false));
    }
}
