using System.Diagnostics;

namespace Perstack.Tests.App.Helpers;

/// <summary>
/// Runs the real <c>perstack</c> under <c>bash</c> after a shell prefix that lowers a resource limit (<c>ulimit -f</c>,
/// <c>ulimit -n</c>) or drops privileges (<c>exec setpriv …</c>), as a user's shell would start it.
/// </summary>
internal static class LimitedProcess
{
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
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
