using FluentAssertions;
using Perstack.App.Tui.Shell;

namespace Perstack.Tests.App.Tui.Shell;

/// <summary>Hint lines rendered from the key tables.</summary>
public sealed class KeyMapTests
{
    [Test]
    public void The_continue_box_hints_name_its_keys_without_the_list_moves()
    {
        KeyMap.Hints(KeyMap.FollowUp, scrolling: false).Select(h => h.Text).Should().Equal("Enter send", "Esc back to history", "Tab/↑↓ log", "F1 help");
    }

    [Test]
    public void The_continue_box_is_part_of_the_execution_screen_not_a_screen_of_its_own()
    {
        KeyMap.Screens.Select(s => s.Keys).Should().NotContain(KeyMap.FollowUp);
    }

    [Test]
    public void Every_action_has_a_command_of_its_own_so_that_no_key_silently_hides_another()
    {
        // Every list registers every action's command: two actions on one command would run only one of them.
        var commands = Enum.GetValues<TuiAction>().Select(a => (Action: a, Command: KeyMap.CommandOf(a))).ToList();

        commands.GroupBy(c => c.Command).Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g.Select(c => c.Action)) + " share " + g.Key)
            .Should().BeEmpty();
    }

    [Test]
    public void No_screen_binds_one_key_twice()
    {
        // A key bound twice on one screen runs only one of its actions, the other is dead (t was title and transcript).
        IEnumerable<(Screen Screen, IReadOnlyList<KeyBind> Keys)> tables = [.. KeyMap.Screens, (Screen.Execution, KeyMap.FollowUp)];

        tables.SelectMany(t => t.Keys.GroupBy(k => k.Key).Where(g => g.Count() > 1)
                .Select(g => $"{t.Screen} binds {g.Key} to {string.Join(" and ", g.Select(k => k.Action))}"))
            .Should().BeEmpty();
    }
}
