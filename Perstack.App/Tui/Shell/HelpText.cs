namespace Perstack.App.Tui.Shell;

/// <summary>The help overlay's lines, generated from <see cref="KeyMap"/>: the screen showing first, then every other screen.</summary>
internal static class HelpText
{
    /// <summary>Width of the key column.</summary>
    private const int KeyColumn = 10;

    public static IReadOnlyList<string> Lines(Screen current)
    {
        var lines = new List<string>();
        foreach (var (screen, keys) in KeyMap.Screens.OrderBy(s => s.Screen == current ? 0 : 1))
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.Add(screen == current ? $"{Title(screen)} (this screen)" : Title(screen));
            if (screen is not (Screen.Query or Screen.Execution))
            {
                lines.Add(Row("↑↓/jk PgUp/PgDn Home/End/gG", "move"));
            }

            lines.AddRange(keys.Where(k => k.KeyLabel is not null).Select(k => Row(k.KeyLabel!, k.Hint ?? "")));
        }

        return lines;
    }

    private static string Row(string key, string does) => $"  {key.PadRight(KeyColumn)} {does}";

    private static string Title(Screen screen) => screen switch
    {
        Screen.History => "Job History",
        Screen.EventDetail => "Event detail",
        Screen.Query => "Query entry",
        _ => screen.ToString(),
    };
}
