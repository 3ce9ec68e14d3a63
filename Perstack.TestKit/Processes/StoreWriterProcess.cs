using System.Diagnostics;
using System.Reflection;

namespace Perstack.TestKit.Processes;

/// <summary>
/// The StoreWriter child process (Support/StoreWriter), built with the solution through a ProjectReference
/// and launched with <c>dotnet</c>. It exits by itself when its standard input closes.
/// </summary>
internal sealed class StoreWriterProcess : IDisposable
{
    private readonly Process _process;

    private StoreWriterProcess(Process process) => _process = process;

    /// <summary>The built StoreWriter.dll (path recorded at build time by Perstack.TestKit.csproj).</summary>
    public static string DllPath { get; } =
        typeof(StoreWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StoreWriterPath").Value!;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>StoreWriter &lt;mode&gt; &lt;root&gt; &lt;jobId&gt;</c> and waits for its first line.</summary>
    public static async Task<StoreWriterProcess> StartAsync(string mode, string root, string jobId, string expectedLine, CancellationToken cancellationToken)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("StoreWriter is not built; build Perstack.TestKit (it references Support/StoreWriter).", DllPath);
        }

        var start = new ProcessStartInfo(ChildProcess.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { DllPath, mode, root, jobId })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ChildProcess.Start(start);
        var writer = new StoreWriterProcess(process);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
            if (line != expectedLine)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync(cancellationToken) : "";
                throw new InvalidOperationException($"StoreWriter printed \"{line}\" instead of \"{expectedLine}\". {error}");
            }

            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process (and anything it started) and waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
