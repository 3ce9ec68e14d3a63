using Perstack.Core.Domain;
using Perstack.Core.Domain.Experts;

namespace Perstack.Skills.Mcp;

/// <summary>How a stdio MCP server is started: its command line, working directory and whole environment.</summary>
/// <param name="Command">The program.</param>
/// <param name="Args">Its arguments.</param>
/// <param name="WorkingDirectory">Its working directory (null: this process's).</param>
/// <param name="Environment">Every variable the child gets; nothing is inherited from this process.</param>
public sealed record StdioLaunch(string Command, IReadOnlyList<string> Args, string? WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// Resolves a skill's launch (runtime spec §3.3): <c>args</c>, or <c>[packageName]</c>; <c>npx</c> gets <c>-y</c>
    /// when its arguments lack it (so <c>packageName</c> runs as <c>npx -y &lt;pkg&gt;</c>, or <c>uvx &lt;pkg&gt;</c>
    /// with <c>command = "uvx"</c>). The environment is the skill's <c>requiredEnv</c> plus
    /// <see cref="McpSkillOptions.SafeVariables"/>, all read from <see cref="McpSkillOptions.Environment"/>.
    /// </summary>
    /// <param name="skill">The declaration.</param>
    /// <param name="options">Environment and working directory.</param>
    /// <param name="commandLine">
    /// When non-empty, replaces the declaration's command, packageName and args as they are (the first item is the
    /// command): <c>perstackBaseSkillCommand</c>.
    /// </param>
    /// <exception cref="PerstackException">No command, neither or both of packageName/args, or a required variable is not set.</exception>
    public static StdioLaunch Resolve(McpStdioSkill skill, McpSkillOptions options, IReadOnlyList<string>? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(options);
        string command;
        List<string> args;
        if (commandLine is { Count: > 0 })
        {
            command = commandLine[0];
            args = [.. commandLine.Skip(1)];
        }
        else
        {
            (command, args) = CommandLineOf(skill);
        }

        if (string.IsNullOrWhiteSpace(command))
        {
            throw new PerstackException($"Skill {skill.Name} has no command");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in skill.RequiredEnv)
        {
            environment[name] = options.Environment(name)
                ?? throw new PerstackException($"Skill {skill.Name} requires environment variable {name}");
        }

        foreach (var name in McpSkillOptions.SafeVariables)
        {
            if (!environment.ContainsKey(name) && options.Environment(name) is { } value)
            {
                environment[name] = value;
            }
        }

        return new StdioLaunch(command, args, options.WorkingDirectory, environment);
    }

    private static (string Command, List<string> Args) CommandLineOf(McpStdioSkill skill)
    {
        bool hasPackage = !string.IsNullOrEmpty(skill.PackageName);
        if (hasPackage == (skill.Args.Count > 0))
        {
            throw new PerstackException(hasPackage
                ? $"Skill {skill.Name} has both packageName and args. Please provide only one of them."
                : $"Skill {skill.Name} has no packageName or args. Please provide one of them.");
        }

        List<string> args = hasPackage ? [skill.PackageName!] : [.. skill.Args];
        if (IsNpx(skill.Command) && !args.Contains("-y"))
        {
            args.Insert(0, "-y");
        }

        return (skill.Command, args);
    }

    private static bool IsNpx(string command) =>
        string.Equals(Path.GetFileNameWithoutExtension(command), "npx", StringComparison.OrdinalIgnoreCase);
}
