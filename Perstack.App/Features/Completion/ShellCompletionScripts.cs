namespace Perstack.App.Features.Completion;

/// <summary>
/// The shell side of completion. Each script hands the line typed so far and the cursor position to
/// <c>perstack [suggest:N] "line"</c> (System.CommandLine's completion directive), which answers one candidate per
/// line, so the command tree stays the single source of truth for every shell.
/// </summary>
internal static class ShellCompletionScripts
{
    /// <summary>The shells a script exists for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    /// <summary>The script for <paramref name="shell"/> (one of <see cref="Shells"/>).</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell"),
    };

    private const string Bash = """
        # perstack completion for bash. Load it with: source <(perstack completion bash)
        _perstack_complete() {
            local IFS=$'\n'
            local candidates
            candidates=$(perstack "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
            COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _perstack_complete perstack

        """;

    private const string Zsh = """
        #compdef perstack
        # perstack completion for zsh. Load it with: source <(perstack completion zsh)
        _perstack() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(perstack "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            candidates=(${candidates:#})
            compadd -a candidates
        }
        if (( $+functions[compdef] )); then
            compdef _perstack perstack
        fi

        """;

    private const string Fish = """
        # perstack completion for fish. Load it with: perstack completion fish | source
        function __perstack_complete
            set -l line (commandline -cp)
            perstack "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c perstack -f -a '(__perstack_complete)'

        """;
}
