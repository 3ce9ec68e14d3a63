using FluentAssertions;
using Perstack.Storage;
using Perstack.Storage.Files;

namespace Perstack.Tests.Storage.Files;

/// <summary>Where the store's caches go: the user's cache folder as the platform names it, never the history.</summary>
[TestFixture]
public sealed class CacheHomeTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "perstack-home");
    private static readonly string Xdg = Path.Combine(Path.GetTempPath(), "perstack-xdg");

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void XDG_CACHE_HOME_wins_when_absolute()
    {
        CacheHome.Resolve(Environment(("XDG_CACHE_HOME", Xdg), ("HOME", Home))).Should().Be(Xdg);
    }

    [Test]
    [Platform(Exclude = "Win,MacOsX")]
    public void Without_it_the_cache_is_dot_cache_in_the_home_folder_and_a_relative_XDG_CACHE_HOME_is_ignored()
    {
        CacheHome.Resolve(Environment(("HOME", Home))).Should().Be(Path.Combine(Home, ".cache"));
        CacheHome.Resolve(Environment(("XDG_CACHE_HOME", "relative/cache"), ("HOME", Home))).Should().Be(Path.Combine(Home, ".cache"));
    }

    [Test]
    public void No_home_folder_means_no_cache()
    {
        CacheHome.Resolve(Environment()).Should().BeNull();
        StorageOptions.Resolve("perstack", Environment()).CacheHome.Should().BeNull();
    }

    [Test]
    public void Resolve_passes_the_cache_home_on()
    {
        StorageOptions.Resolve("perstack", Environment(("XDG_CACHE_HOME", Xdg))).CacheHome.Should().Be(Xdg);
    }
}
