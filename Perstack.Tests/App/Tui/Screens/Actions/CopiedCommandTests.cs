using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Perstack.TestKit.Tui;
using Terminal.Gui.Input;

namespace Perstack.Tests.App.Tui.Screens.Actions;

/// <summary>The resume command the copy menu gives works when pasted: run as a real process, from another folder.</summary>
[Category(TestCategories.ChildProcess)]
public sealed class CopiedCommandTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task The_copied_resume_command_resumes_the_job_from_any_folder(bool fromCheckpoint)
    {
        await using var workspace = RunWorkspace.Create();
        var first = await workspace.RunAsync("run", "fake-basic", "Say hello");
        first.ExitCode.Should().Be(0, first.Error);
        var jobId = JobId.Parse(RunWorkspace.JobIdOf(first));
        var stores = new Stores(workspace.Store);
        int before = (await stores.Checkpoints.ListAsync(jobId)).Items.Count;
        using var tui = await TuiHarness.StartAsync(store: workspace.Store, configPath: Path.Combine(workspace.Directory, "perstack.toml"));
        if (fromCheckpoint)
        {
            await tui.PressAsync(Key.C, Key.Y, Key.D3);
        }
        else
        {
            await tui.PressAsync(Key.Y, Key.D2);
        }

        var command = tui.Clipboard.GetClipboardData()!.Replace("\"<query>\"", "\"Go on\"", StringComparison.Ordinal);
        using var elsewhere = new TempDirectory();
        var words = ShellSplit(command);
        words[0].Should().Be("perstack");

        var resumed = await PerstackProcess.RunAsync(elsewhere.Path, workspace.Environment, [.. words.Skip(1)]);

        resumed.ExitCode.Should().Be(0, resumed.Error);
        RunWorkspace.JobIdOf(resumed).Should().Be(jobId.Value);
        (await stores.Checkpoints.ListAsync(jobId)).Items.Count.Should().BeGreaterThan(before, "the pasted command continued the job in the workspace's history");
        Directory.Exists(Path.Combine(elsewhere.Path, "perstack")).Should().BeFalse("not a new history where it was pasted");
    }

    /// <summary>Splits a POSIX command line with single and double quotes (what the copy menu writes).</summary>
    private static List<string> ShellSplit(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
