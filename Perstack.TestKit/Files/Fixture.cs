namespace Perstack.TestKit.Files;

/// <summary>
/// The TypeScript runtime's real history (commit 7cb873b), copied next to the test assembly. Tests that list it
/// copy it first: listing writes checkpoint indexes into the store.
/// </summary>
internal static class Fixture
{
    /// <summary>The storage root (the folder that holds <c>jobs/</c>).</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ts-perstack-7cb873b", "perstack");

    /// <summary>
    /// A history in today's TypeScript Perstack format as far as storage goes (hand-built: no <c>job.json</c>, no
    /// <c>run-setting.json</c>, a new run per invocation and per delegate, two parallel delegates sharing step 3, a
    /// corrupt streaming event file), without thinking parts.
    /// </summary>
    public static string TsMainRoot { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ts-main-derived", "perstack");

    /// <summary>Copies <paramref name="source"/> (a fixture root) to <paramref name="destination"/> and returns the copy's root.</summary>
    public static string CopyTo(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }

    /// <summary>The <c>jobs/</c> folder.</summary>
    public static string JobsDirectory => Path.Combine(Root, "jobs");

    /// <summary>Every <c>job.json</c>.</summary>
    public static IEnumerable<string> JobFiles() => Sorted(Directory.EnumerateFiles(JobsDirectory, "job.json", SearchOption.AllDirectories));

    /// <summary>Every <c>checkpoints/*.json</c>.</summary>
    public static IEnumerable<string> CheckpointFiles() =>
        Sorted(Directory.EnumerateDirectories(JobsDirectory).SelectMany(job => Directory.EnumerateFiles(Path.Combine(job, "checkpoints"), "*.json")));

    /// <summary>Every <c>runs/*/run-setting.json</c>.</summary>
    public static IEnumerable<string> RunSettingFiles() => Sorted(Directory.EnumerateFiles(JobsDirectory, "run-setting.json", SearchOption.AllDirectories));

    /// <summary>Every <c>runs/*/event-*.json</c>.</summary>
    public static IEnumerable<string> EventFiles() => Sorted(Directory.EnumerateFiles(JobsDirectory, "event-*.json", SearchOption.AllDirectories));

    /// <summary>The path relative to <see cref="Root"/>, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Copies the whole fixture store to <paramref name="destination"/> and returns the copy's root.</summary>
    public static string CopyTo(string destination) => CopyTo(Root, destination);

    private static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);
}
