using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Terminal.Gui.Configuration;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's configuration (its themes, schemes, key and glyph settings), applied when the workbench needs it.
/// The library applies it in a module initializer, before <c>Main</c>, for every command: two thirds of the time
/// <c>perstack --version</c> took in the Native AOT binary (~40 ms), most of it its theme lookup re-sorting every
/// configuration key once per setting. The AOT build empties that initializer (TerminalGuiConfiguration.xml, passed to
/// the compiler by the project file), so commands without the workbench never pay it, and the workbench applies it
/// only when the user configured Terminal.Gui (its <c>TUI_CONFIG</c> variable or a <c>.tui</c> file), on another thread
/// while the command line is read. Without those, the library's own defaults are what its settings hold already (its
/// embedded configuration names no active theme and repeats four default values: TerminalGuiConfigurationTests holds
/// it to that). Under the JIT (tests, the .NET tool) the initializer has run and nothing is applied twice.
/// </summary>
internal static class TerminalGuiConfiguration
{
    private static Task? _applying;

    /// <summary>Starts settling the configuration on the thread pool (see the class summary), once.</summary>
    public static void StartApplying()
    {
        if (Volatile.Read(ref _applying) is null)
        {
            Interlocked.CompareExchange(ref _applying, Task.Run(ApplyOnce), null);
        }
    }

    /// <summary>Returns once the configuration is in place (applied, or the library's defaults stand); before Terminal.Gui is used.</summary>
    public static void EnsureApplied()
    {
        StartApplying();
        _applying!.GetAwaiter().GetResult();
    }

    /// <summary>
    /// What went wrong reading the user's Terminal.Gui configuration, in one line (null when nothing did): the library
    /// skips a file or <c>TUI_CONFIG</c> it cannot parse without a word, so the workbench says it on its message line.
    /// </summary>
    public static string? Problem()
    {
        var errors = TuiJsonErrors.GetErrors();
        if (errors.Count == 0)
        {
            return null;
        }

        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
        return $"Terminal.Gui configuration ignored: {errors[0].ReplaceLineEndings(" ")}{more}";
    }

    /// <summary>Whether the library's configuration has been built (by its initializer or here).</summary>
    public static bool IsBuilt => BuiltConfiguration(TuiConfigurationBuilder.Shared) is not null;

    /// <summary>Whether the user configured Terminal.Gui: the sources it reads besides its own defaults.</summary>
    public static bool UserConfigured(string home, string currentDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(environment(TuiConfigurationExtensions.TUI_CONFIG_ENV)))
        {
            return true;
        }

        string[] names = [TuiConfigurationExtensions.CONFIG_FILENAME, $"{AppName}.{TuiConfigurationExtensions.CONFIG_FILENAME}"];
        return new[] { home, currentDirectory }
            .SelectMany(folder => names.Select(name => Path.Combine(folder, TuiConfigurationExtensions.TUI_CONFIG_FOLDER, name)))
            .Any(File.Exists);
    }

    // The name the library looks for app files under: the entry assembly's.
    private const string AppName = "perstack";

    private static void ApplyOnce()
    {
        if (!IsBuilt && UserConfigured(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.CurrentDirectory, Environment.GetEnvironmentVariable))
        {
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
        }
    }

    // The library keeps its built configuration in this field and builds it on first use of its public property, so
    // the property cannot tell whether the initializer ran; a renamed field fails here, at the workbench's start and in
    // every workbench test, rather than applying the configuration twice or never.
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_configuration")]
    private static extern ref IConfiguration? BuiltConfiguration(TuiConfigurationBuilder builder);
}
