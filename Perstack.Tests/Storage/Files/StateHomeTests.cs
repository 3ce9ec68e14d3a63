using FluentAssertions;
using Perstack.Storage.Files;

namespace Perstack.Tests.Storage.Files;

/// <summary>Where logs and MCP servers' stderr go: the user's state folder as the platform names it, never the history.</summary>
[TestFixture]
public sealed class StateHomeTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "perstack-home");
    private static readonly string Xdg = Path.Combine(Path.GetTempPath(), "perstack-xdg-state");

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void XDG_STATE_HOME_wins_when_absolute() =>
        StateHome.Resolve(Environment(("XDG_STATE_HOME", Xdg), ("HOME", Home))).Should().Be(Path.Combine(Xdg, "perstack"));

    [Test]
    [Platform(Exclude = "Win,MacOsX")]
    public void Without_it_the_state_is_dot_local_state_in_the_home_folder_and_a_relative_XDG_STATE_HOME_is_ignored()
    {
        StateHome.Resolve(Environment(("HOME", Home))).Should().Be(Path.Combine(Home, ".local", "state", "perstack"));
        StateHome.Resolve(Environment(("XDG_STATE_HOME", "relative/state"), ("HOME", Home))).Should().Be(Path.Combine(Home, ".local", "state", "perstack"));
    }

    [Test]
    public void No_home_folder_means_no_state_folder() => StateHome.Resolve(Environment()).Should().BeNull();
}
