using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Terminal.Gui.Configuration;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's configuration (its themes, schemes, key and glyph settings), applied when the workbench needs it.
/// The library applies it in a module initializer, before <c>Main</c>, for every command: two thirds of the time
/// <c>perstack --version</c> took in the Native AOT binary (~40 ms), most of it its theme lookup re-sorting every
/// configuration key once per setting. The AOT build empties that initializer (TerminalGuiConfiguration.xml, passed to
/// the compiler by the project file), so commands without the workbench never pay it and <c>perstack start</c> applies
/// it on another thread while the command line is read. Under the JIT (tests, the .NET tool) the initializer has run
/// and nothing is applied twice.
/// </summary>
internal static class TerminalGuiConfiguration
{
    private static Task? _applying;

    /// <summary>Starts applying the configuration on the thread pool, if it is not applied already.</summary>
    public static void StartApplying()
    {
        if (Volatile.Read(ref _applying) is null)
        {
            Interlocked.CompareExchange(ref _applying, Task.Run(ApplyOnce), null);
        }
    }

    /// <summary>Returns once the configuration is applied; before Terminal.Gui is used.</summary>
    public static void EnsureApplied()
    {
        StartApplying();
        _applying!.GetAwaiter().GetResult();
    }

    /// <summary>Whether the library's configuration has been built (by its initializer or here).</summary>
    public static bool IsApplied => BuiltConfiguration(TuiConfigurationBuilder.Shared) is not null;

    private static void ApplyOnce()
    {
        if (!IsApplied)
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
