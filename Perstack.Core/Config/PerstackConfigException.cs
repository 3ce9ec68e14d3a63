using Perstack.Core.Domain;

namespace Perstack.Core.Config;

/// <summary>
/// perstack.toml could not be used: a TOML syntax error (<c>perstack.toml: line:column: what</c>) or a list of
/// validation problems (<c>perstack.toml: Validation failed:</c> and one <c>\n  - path: message</c> line per problem).
/// </summary>
public sealed class PerstackConfigException : PerstackException
{
    /// <summary>Prefix of every message.</summary>
    public const string Prefix = "perstack.toml: ";

    /// <summary>Creates the exception for validation problems (at least one).</summary>
    public PerstackConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(FormatProblems(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception.</summary>
    public PerstackConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PerstackConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PerstackConfigException()
    {
    }

    private PerstackConfigException(int line, int column, string what, Exception? innerException)
        : base($"{Prefix}{line}:{column}: {what}", innerException ?? new FormatException(what))
    {
        Line = line;
        Column = column;
    }

    /// <summary>The validation problems, in file order (empty for a syntax error).</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; } = [];

    /// <summary>1-based line of a syntax error.</summary>
    public int? Line { get; }

    /// <summary>1-based column of a syntax error.</summary>
    public int? Column { get; }

    /// <summary>Creates the exception for a TOML syntax error at a 1-based line and column.</summary>
    public static PerstackConfigException Syntax(int line, int column, string what, Exception? innerException = null) =>
        new(line, column, what, innerException);

    private static string FormatProblems(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new System.Text.StringBuilder(Prefix).Append("Validation failed:");
        foreach (var problem in problems)
        {
            text.Append("\n  - ").Append(problem.Path).Append(": ").Append(problem.Message);
        }

        return text.ToString();
    }
}
