using System.CommandLine;
using Perstack.Skills.Base;

namespace Perstack.App.Features.BaseSkillMcp;

/// <summary><c>perstack base-skill</c>: the built-in <c>@perstack/base</c> tools as an MCP server on stdin/stdout.</summary>
internal static class BaseSkillCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Func<string, string?> environment)
    {
        var workspace = new Option<string?>("--workspace")
        {
            Description = "Folder the tools are confined to (default: the current directory)",
            HelpName = "dir",
        };

        var allowEnvFiles = new Option<bool>("--allow-env-files")
        {
            Description = "Let the file tools read and write .env files (refused by default: they hold secrets)",
        };

        var command = new Command("base-skill", "Serve the built-in @perstack/base tools as an MCP server over stdio") { workspace, allowEnvFiles };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BaseSkillOptions(parse.GetValue(workspace) ?? Directory.GetCurrentDirectory())
            {
                ParentEnvironment = environment,
                AllowEnvFiles = parse.GetValue(allowEnvFiles),
            };
            var skill = new BaseSkill(options);
            await using (skill.ConfigureAwait(false))
            {
                try
                {
                    await BaseSkillServer.RunStdioAsync(skill, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped by a signal: a normal end for a server.
                }
            }

            return 0;
        });
        return command;
    }
}
