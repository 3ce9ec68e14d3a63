using NUnit.Framework;

namespace Perstack.TestKit.Processes;

/// <summary>
/// Runs the real <c>perstack</c> under <c>bash</c> after a shell prefix, as a user's shell would start it: a lowered
/// resource limit (<c>ulimit -f</c>, <c>ulimit -n</c>), or (the tests run as root here, and root bypasses file modes
/// and may read any process's <c>/proc/&lt;pid&gt;/environ</c>) the unprivileged user <c>nobody</c> via <c>setpriv</c>.
/// </summary>
internal static class LimitedProcess
{
    /// <summary>The user id of <c>nobody</c>.</summary>
    public const int Nobody = 65534;

    /// <summary>
    /// The shell prefix that runs perstack as <c>nobody</c>, or null when the tests already run unprivileged; skips the
    /// test, saying why root matters to it (<paramref name="whyRootMatters"/>), when that is impossible.
    /// </summary>
    public static string? DropPrivileges(string whyRootMatters)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("needs Unix users and file modes");
        }

        if (Environment.UserName != "root")
        {
            return null;
        }

        if (!File.Exists("/usr/bin/setpriv"))
        {
            Assert.Ignore($"running as root without setpriv: {whyRootMatters}");
        }

        return $"exec setpriv --reuid={Nobody} --regid={Nobody} --clear-groups \"$0\" \"$@\"";
    }

    /// <summary>Runs perstack through bash with <paramref name="prefix"/> (a ulimit or an exec wrapper) applied first.</summary>
    public static async Task<ProcessResult> RunAsync(RunWorkspace workspace, string? prefix, params string[] args)
    {
        var start = PerstackProcess.StartInfo(workspace.Directory, workspace.Environment, args);
        start.Environment["HOME"] = workspace.Directory;

        // The runtime's W^X double mapping backs code with a file-size-limited memfd: without this, any ulimit -f
        // stops the runtime from starting at all.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        var script = prefix is null ? "exec \"$0\" \"$@\"" : prefix.StartsWith("exec", StringComparison.Ordinal) ? prefix : $"trap '' XFSZ; {prefix}; exec \"$0\" \"$@\"";
        start.ArgumentList.Insert(0, "-c");
        start.ArgumentList.Insert(1, script);
        start.ArgumentList.Insert(2, start.FileName);
        start.FileName = "/bin/bash";
        using var process = ChildProcess.Start(start);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
