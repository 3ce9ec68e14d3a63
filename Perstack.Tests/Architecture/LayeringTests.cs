using FluentAssertions;
using Perstack.Core.Domain;

namespace Perstack.Tests.Architecture;

/// <summary>
/// The layers point one way: Core (domain, runtime, ports, skill abstractions) depends on none of the adapters around
/// it, so a second storage backend or another way to host skills plugs in without touching Core. The check reads the
/// compiled Core assembly's references, so a reference that is only used through a type still counts.
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
}
