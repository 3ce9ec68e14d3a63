using System.Text.RegularExpressions;
using FluentAssertions;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Docs;

/// <summary>
/// docs/architecture.md names types to show how a run flows; a type renamed or removed must not leave the page
/// describing a house that no longer exists.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    /// <summary>Names the page may use that are not types of ours, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotOurTypes = new(StringComparer.Ordinal)
    {
        ["IChatClient"] = "Microsoft.Extensions.AI's chat client interface",
        ["Cancelled"] = "the text of the error a stopped run records",
    };

    [Test]
    public void Every_type_the_architecture_page_names_exists()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));
        var sources = ProductSources().ToList();
        var declared = sources.SelectMany(source => Declaration().Matches(source).Select(match => match.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
        var folders = Directory.EnumerateDirectories(RepositoryRoot.Path, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);

        var named = CodeName().Matches(page).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
        var unknown = named
            .Where(name => !declared.Contains(name) && !folders.Contains(name) && !NotOurTypes.ContainsKey(name))
            .Where(name => !sources.Any(source => source.Contains($" {name}(", StringComparison.Ordinal)))
            .ToList();

        named.Should().HaveCountGreaterThan(40, "the page walks through a run naming its types");
        unknown.Should().BeEmpty("docs/architecture.md names only types, methods and folders that exist");
    }

    private static IEnumerable<string> ProductSources() =>
        new[] { "Perstack.Core", "Perstack.Skills", "Perstack.Storage", "Perstack.App" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(?<name>\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"`(?<name>[A-Z][A-Za-z0-9]+)`")]
    private static partial Regex CodeName();
}
