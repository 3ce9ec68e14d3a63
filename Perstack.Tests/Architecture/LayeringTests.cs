using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Architecture;

/// <summary>
/// The layers point one way: Core (domain, runtime, ports, skill abstractions) depends on none of the adapters around
/// it, so a second storage backend or another way to host skills plugs in without touching Core. The check reads the
/// compiled Core assembly's references, so a reference that is only used through a type still counts. In the App only
/// the composition root (<c>Composition*.cs</c>) knows the file store; everything else talks to Core's ports.
/// </summary>
[TestFixture]
public sealed class LayeringTests
{
    /// <summary>The adapters' assembly names; <c>perstack</c> is the App (the CLI and TUI).</summary>
    private static readonly string[] Adapters = ["Perstack.Skills", "Perstack.Storage", "perstack"];

    [Test]
    public void Core_references_none_of_skills_storage_or_the_app()
    {
        var referenced = typeof(JobId).Assembly.GetReferencedAssemblies().Select(name => name.Name);

        referenced.Should().NotContain(Adapters);
    }

    [Test]
    public void Only_the_composition_root_of_the_app_uses_the_storage_adapters()
    {
        var app = Path.Combine(RepositoryRoot.Path, "Perstack.App");
        var users = Directory.EnumerateFiles(app, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(app, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("obj/", StringComparison.Ordinal) && !file.StartsWith("bin/", StringComparison.Ordinal))
            .Where(file => !(file.StartsWith("Composition", StringComparison.Ordinal) && !file.Contains('/', StringComparison.Ordinal)))
            .Where(file => File.ReadLines(Path.Combine(app, file)).Any(line => line.StartsWith("using Perstack.Storage", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        users.Should().BeEmpty();
    }
}
