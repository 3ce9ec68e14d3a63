using System.CommandLine;

namespace Perstack.App.Cli.Completion;

/// <summary><c>perstack completion bash|zsh|fish</c>: prints the script that wires the shell to perstack's completion.</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong([.. ShellCompletionScripts.Shells]);
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
