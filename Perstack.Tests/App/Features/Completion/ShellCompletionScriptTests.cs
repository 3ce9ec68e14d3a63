using System.Diagnostics;
using FluentAssertions;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.App.Features.Completion;

/// <summary>The scripts of <c>perstack completion</c> run in the real shells against the real executable.</summary>
[NonParallelizable]
[Category(TestCategories.ChildProcess)]
public sealed class ShellCompletionScriptTests
{
    private TempDirectory _temp = null!;
    private string _bin = null!;
    private string _store = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _store = Fixture.CopyTo(Path.Combine(_temp.Path, "perstack"));
        _bin = Directory.CreateDirectory(Path.Combine(_temp.Path, "bin")).FullName;
        var launcher = Path.Combine(_bin, "perstack");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet \"{PerstackProcess.DllPath}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Prints_a_script_for_each_shell_and_refuses_others()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish" })
        {
            var result = await CliRunner.RunAsync("completion", shell);
            result.ExitCode.Should().Be(0);
            result.Output.Should().Contain("[suggest:").And.Contain("perstack completion " + shell);
        }

        var refused = await CliRunner.RunAsync("completion", "powershell");
        refused.ExitCode.Should().Be(1);
        refused.ErrorLines.Should().Equal("Error: Invalid shell \"powershell\": expected bash, zsh or fish", "Run 'perstack completion --help' for usage.");
    }

    [Test]
    public async Task Bash_completes_job_ids_through_the_script()
    {
        RequireShell("bash");
        const string line = "perstack jobs show gf";
        var script = $$"""
            source <(perstack completion bash)
            COMP_LINE='{{line}}'
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(perstack jobs show gf)
            COMP_CWORD=3
            _perstack_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;

        var output = await RunShellAsync("bash", ["-c", script]);

        output.Should().Equal("gf13yre28vrnvqtt96gqls80");
    }

    [Test]
    public async Task Zsh_completes_subcommands_through_the_script()
    {
        RequireShell("zsh");
        // Outside a completion widget compadd is not loaded: a stand-in prints what the script hands it.
        var script = """
            compadd() { print -l -- ${(P)2} }
            source <(perstack completion zsh)
            words=(perstack jobs pr)
            CURRENT=3
            _perstack
            """;

        var output = await RunShellAsync("zsh", ["-f", "-c", script]);

        output.Should().Equal("prune");
    }

    [Test]
    public async Task Fish_completes_job_ids_through_the_script()
    {
        RequireShell("fish");
        var script = "perstack completion fish | source; complete -C 'perstack jobs show job-'";

        var output = await RunShellAsync("fish", ["--no-config", "-c", script]);

        output.Should().Equal("job-fixed-0001");
    }

    private static void RequireShell(string shell)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, shell)));
        if (!found)
        {
            Assert.Ignore($"{shell} is not installed on this machine");
        }
    }

    private async Task<string[]> RunShellAsync(string shell, string[] args)
    {
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _temp.Path };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = _bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["PERSTACK_STORAGE_PATH"] = _store;
        using var process = ChildProcess.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
