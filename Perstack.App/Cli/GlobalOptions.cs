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

    /// <summary><c>--otel</c>.</summary>
    public Option<bool> Otel { get; } = new("--otel")
    {
        Description = "Send traces and metrics over OTLP (default endpoint, or $OTEL_EXPORTER_OTLP_ENDPOINT; on whenever that is set)",
        Recursive = true,
    };
}
