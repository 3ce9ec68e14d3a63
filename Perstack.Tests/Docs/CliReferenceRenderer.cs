using System.CommandLine;
using System.Text;

namespace Perstack.Tests.Docs;

/// <summary>Renders docs/cli-reference.md from the real command tree, so the reference cannot drift from the CLI.</summary>
internal static class CliReferenceRenderer
{
    public static string Render(RootCommand root)
    {
        var text = new StringBuilder();
        text.Append("# CLI reference\n\n");
        text.Append("<!-- Generated from the command tree by Perstack.Tests/Docs/CliReferenceTests.cs; do not edit by hand.\n");
        text.Append("     Regenerate: PERSTACK_UPDATE_DOCS=1 dotnet test Perstack.Tests --filter CliReferenceTests -->\n\n");
        text.Append(Escape(root.Description ?? "")).Append("\n\n");
        text.Append("Options every command accepts:\n\n");
        AppendOptions(text, root.Options.Where(option => option.Recursive));
        text.Append("\n`perstack --version` prints the version. Errors are one line on stderr with exit code 1.\n");
        foreach (var command in Walk(root, "perstack"))
        {
            AppendCommand(text, command.Path, command.Command);
        }

        return text.ToString();
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        foreach (var subcommand in command.Subcommands.Where(sub => !sub.Hidden).OrderBy(sub => sub.Name, StringComparer.Ordinal))
        {
            var subPath = $"{path} {subcommand.Name}";
            if (subcommand.Action is not null)
            {
                yield return (subPath, subcommand);
            }

            foreach (var nested in Walk(subcommand, subPath))
            {
                yield return nested;
            }
        }
    }

    private static void AppendCommand(StringBuilder text, string path, Command command)
    {
        text.Append("\n## `").Append(path).Append("`\n\n");
        text.Append(Escape(command.Description ?? "")).Append("\n\n");
        var usage = new StringBuilder(path);
        foreach (var argument in command.Arguments.Where(argument => !argument.Hidden))
        {
            usage.Append(' ').Append(ArgumentUsage(argument));
        }

        var options = command.Options.Where(option => !option.Hidden && !option.Recursive && option.Name is not ("--help" or "--version")).ToList();
        if (options.Count > 0)
        {
            usage.Append(" [options]");
        }

        text.Append("```\n").Append(usage).Append("\n```\n");
        if (command.Arguments.Count > 0)
        {
            text.Append("\n| Argument | Description |\n|---|---|\n");
            foreach (var argument in command.Arguments.Where(argument => !argument.Hidden))
            {
                text.Append("| `").Append(ArgumentUsage(argument)).Append("` | ").Append(Escape(argument.Description ?? "")).Append(" |\n");
            }
        }

        if (options.Count > 0)
        {
            text.Append('\n');
            AppendOptions(text, options);
        }
    }

    private static void AppendOptions(StringBuilder text, IEnumerable<Option> options)
    {
        text.Append("| Option | Description |\n|---|---|\n");
        foreach (var option in options)
        {
            // "/?"-style aliases are Windows conventions System.CommandLine adds to --help; they are noise here.
            var names = string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Where(alias => alias.StartsWith('-')).Order(StringComparer.Ordinal)));
            var value = option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0 ? "" : $" <{option.HelpName ?? "value"}>";
            text.Append("| `").Append(names).Append(value).Append("` | ").Append(Escape(option.Description ?? "")).Append(" |\n");
        }
    }

    private static string ArgumentUsage(Argument argument)
    {
        var name = $"<{argument.Name}>" + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
        return argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name;
    }

    /// <summary>Table cells must not break on pipes or new lines.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
