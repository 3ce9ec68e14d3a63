using System.CommandLine;

namespace Perstack.App.Cli;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    /// <summary><c>--storage-path</c>.</summary>
    public Option<string?> StoragePath { get; } = new("--storage-path")
    {
        Description = "Folder or s3://bucket/prefix holding the history (default: $PERSTACK_STORAGE_PATH, else perstack.toml's [storage] path, else ./perstack)",
        HelpName = "path",
        Recursive = true,
    };
}
