using System.CommandLine;

namespace Perstack.App.Features.Completion;

/// <summary><c>perstack completion bash|zsh|fish</c>: prints the script that wires the shell to perstack's completion.</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell")
        {
            Description = "bash, zsh or fish",

            // As jobs export --format: one error line, where AcceptOnlyFromAmong would list the choices over several.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (ShellCompletionScripts.Shells.Contains(text))
                {
                    return text;
                }

                result.AddError($"Invalid shell \"{text}\": expected bash, zsh or fish");
                return "";
            },
        };
        shell.CompletionSources.Add([.. ShellCompletionScripts.Shells]);
        var command = new Command(
            "completion",
            "Print the shell completion script (bash: source <(perstack completion bash); zsh: the same with zsh; fish: perstack completion fish | source)")
        {
            shell,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await parse.InvocationConfiguration.Output.WriteAsync(ShellCompletionScripts.For(parse.GetRequiredValue(shell)).AsMemory(), cancellationToken)
                .ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
