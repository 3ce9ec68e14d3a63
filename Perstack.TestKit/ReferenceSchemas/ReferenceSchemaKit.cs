using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Perstack.TestKit.Processes;

namespace Perstack.TestKit.ReferenceSchemas;

/// <summary>
/// The TypeScript Perstack's own zod schemas (the seed's commit and today's main, copied into
/// <c>Perstack.Tests/ReferenceSchemas</c>) run under node: <see cref="ValidateAsync"/> says, per file and version,
/// whether that Perstack accepts what we wrote. The kit's npm packages (zod at each commit's locked version,
/// TypeScript to strip the types) are installed once per build output with <c>npm ci</c> from the kit's own
/// package-lock.json; a fresh machine needs only node and npm.
/// </summary>
internal static class ReferenceSchemaKit
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool s_installed;

    /// <summary>The kit, as copied next to the tests.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "ReferenceSchemas");

    /// <summary>Every file under <paramref name="root"/> the TypeScript Perstack reads (job, checkpoints, run settings, events).</summary>
    public static IReadOnlyList<string> HistoryFiles(string root) =>
        [.. System.IO.Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && Path.GetFileName(f) != "checkpoint-index.json")
            .Order(StringComparer.Ordinal)];

    /// <summary>Checks every history file under <paramref name="root"/> with both versions' rules.</summary>
    public static Task<IReadOnlyList<SchemaVerdict>> ValidateTreeAsync(string root) => ValidateAsync(HistoryFiles(root));

    /// <summary>Checks <paramref name="files"/> with both versions' rules: one verdict per file and version.</summary>
    public static async Task<IReadOnlyList<SchemaVerdict>> ValidateAsync(IReadOnlyList<string> files)
    {
        await InstallAsync();
        var (exitCode, output, error) = await RunAsync("node", ["validate.mjs", "-"], string.Join('\n', files));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"validate.mjs failed ({exitCode}): {error}");
        }

        var verdicts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Optional(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
            return new SchemaVerdict(
                root.GetProperty("file").GetString()!,
                root.GetProperty("version").GetString()!,
                root.GetProperty("kind").GetString()!,
                root.GetProperty("ok").GetBoolean(),
                Optional("error"),
                Optional("note"));
        }).ToList();
        if (verdicts.Count != files.Count * 2)
        {
            throw new InvalidOperationException($"validate.mjs answered {verdicts.Count} verdicts for {files.Count} files: {error}");
        }

        return verdicts;
    }

    /// <summary><c>npm ci</c> in the copied kit, unless node_modules already holds this package-lock.json.</summary>
    private static async Task InstallAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (s_installed)
            {
                return;
            }

            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
            var marker = Path.Combine(Directory, "node_modules", ".perstack-lock-sha256");
            if (!File.Exists(marker) || await File.ReadAllTextAsync(marker) != lockHash)
            {
                var (exitCode, output, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Directory} failed ({exitCode}): {output} {error}");
                }

                await File.WriteAllTextAsync(marker, lockHash);
            }

            s_installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string command, string[] args, string? input)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = ChildProcess.Start(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
