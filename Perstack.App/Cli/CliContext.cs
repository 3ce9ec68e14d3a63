using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Perstack.App.Cli.Output;
using Perstack.Core.Domain;
using Perstack.Core.Storage.Locations;

namespace Perstack.App.Cli;

/// <summary>What a command action needs: its output writers and the services for the chosen store.</summary>
internal sealed class CliContext : IDisposable
{
    private readonly ServiceProvider _services;
    private TextWriter? _text;

    private CliContext(TextWriter output, TextWriter error, ServiceProvider services)
    {
        Output = output;
        Error = error;
        _services = services;
    }

    /// <summary>Standard output as is: JSON, NDJSON and ids.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard output for people: control characters of stored strings are shown escaped.</summary>
    public TextWriter Text => _text ??= EscapingTextWriter.Wrap(Output);

    /// <summary>Standard error (warnings, progress, errors).</summary>
    public TextWriter Error { get; }

    /// <summary>
    /// Resolves the command's handler once and runs it: the container is built after parsing, because
    /// <c>--storage-path</c> names the store, so the handler cannot be made earlier.
    /// </summary>
    public Task<int> RunAsync<THandler>(Func<THandler, Task<int>> action)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        return action(_services.GetRequiredService<THandler>());
    }

    /// <summary>Creates the context for a parsed command line.</summary>
    public static CliContext Create(ParseResult parse, GlobalOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        return Create(parse, Composition.ResolveStorage(parse.GetValue(options.StoragePath), environment), environment);
    }

    /// <summary>
    /// Creates the context for a command on an existing history. A folder named with <c>--storage-path</c>,
    /// <c>$PERSTACK_STORAGE_PATH</c> or perstack.toml that is missing or a file is an error (a typo must not look like an
    /// empty history); the default <c>./perstack</c> may be absent (no history yet). A bucket is checked by its first use.
    /// </summary>
    public static CliContext ForHistory(ParseResult parse, GlobalOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var storage = Composition.ResolveStorage(parse.GetValue(options.StoragePath), environment);
        if (storage is { Location: FolderLocation { Path: var root }, Source: { } source } && !Directory.Exists(root))
        {
            throw new PerstackException(File.Exists(root)
                ? $"Error: Storage path {root} (from {source}) is a file, not a folder"
                : $"Error: Storage path {root} (from {source}) does not exist");
        }

        return Create(parse, storage, environment);
    }

    private static CliContext Create(ParseResult parse, StorageSettings storage, Func<string, string?> environment)
    {
        var invocation = parse.InvocationConfiguration;
        return new CliContext(invocation.Output, invocation.Error, Composition.Build(storage, environment));
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
