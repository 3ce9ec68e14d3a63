namespace Perstack.App.Tui.Screens.Common;

/// <summary>Quoting for commands people paste into a POSIX shell.</summary>
internal static class ShellWords
{
    /// <summary><paramref name="word"/> as is when it is plainly safe, else in single quotes (a quote inside as <c>'\''</c>).</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '@' or ':' or '+' or ',' or '=')
            ? word
            : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
