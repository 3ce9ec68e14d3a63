using FluentAssertions;
using Perstack.Storage;

namespace Perstack.Tests.Storage;

[TestFixture]
public sealed class StorageOptionsTests
{
    private static readonly string ExplicitRoot = Path.Combine(Path.GetTempPath(), "perstack-explicit");
    private static readonly string EnvironmentRoot = Path.Combine(Path.GetTempPath(), "perstack-from-env");

    private static Func<string, string?> Environment(string? storagePath) =>
        name => name == StorageOptions.EnvironmentVariable ? storagePath : null;

    [Test]
    public void Explicit_path_wins_over_the_environment_variable()
    {
        StorageOptions.Resolve(ExplicitRoot, Environment(EnvironmentRoot)).RootPath.Should().Be(ExplicitRoot);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Environment_variable_wins_over_the_default_when_no_path_is_given(string? explicitPath)
    {
        StorageOptions.Resolve(explicitPath, Environment(EnvironmentRoot)).RootPath.Should().Be(EnvironmentRoot);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    public void Default_is_perstack_under_the_current_directory(string? environmentValue)
    {
        var expected = Path.Combine(Directory.GetCurrentDirectory(), "perstack");

        StorageOptions.Resolve(null, Environment(environmentValue)).RootPath.Should().Be(expected);
    }

    [Test]
    public void Resolve_reads_the_documented_variable_name()
    {
        var asked = new List<string>();

        StorageOptions.Resolve(null, name =>
        {
            asked.Add(name);
            return EnvironmentRoot;
        });

        asked[0].Should().Be("PERSTACK_STORAGE_PATH");
    }

    [Test]
    public void Relative_paths_are_made_absolute()
    {
        var options = new StorageOptions(Path.Combine("some", "relative"));

        Path.IsPathFullyQualified(options.RootPath).Should().BeTrue();
        options.RootPath.Should().Be(Path.Combine(Directory.GetCurrentDirectory(), "some", "relative"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Blank_root_is_refused(string root)
    {
        var act = () => new StorageOptions(root);

        act.Should().Throw<ArgumentException>();
    }
}
