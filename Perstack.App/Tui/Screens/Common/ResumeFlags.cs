namespace Perstack.App.Tui.Screens.Common;

/// <summary>
/// The <c>--storage-path</c> and <c>--config</c> the workbench runs with, as absolute paths: a copied command carries
/// them, so it resumes the same job with the same configuration wherever it is pasted.
/// </summary>
/// <param name="StoragePath">The history's root folder.</param>
/// <param name="ConfigPath">The perstack.toml given with <c>--config</c>; null when it was found from the working folder.</param>
internal sealed record ResumeFlags(string? StoragePath, string? ConfigPath)
{
    /// <summary>No flags (a command for the default store and the perstack.toml of the folder it runs in).</summary>
    public static ResumeFlags None { get; } = new(null, null);

    /// <summary>The flags as command-line words, each path quoted for a POSIX shell when it needs it.</summary>
    public string Render() =>
        (StoragePath is { } storage ? $" --storage-path {ShellWords.Quote(storage)}" : "")
        + (ConfigPath is { } config ? $" --config {ShellWords.Quote(config)}" : "");
}
