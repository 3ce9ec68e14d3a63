using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Perstack.Core.Config;

/// <summary>
/// Reads TOML text into Tomlyn's untyped model. A syntax error becomes a <see cref="PerstackConfigException"/>
/// with its 1-based line and column. Nesting is limited to Tomlyn's default depth (64), so hostile input fails
/// with an error instead of overflowing the stack.
/// </summary>
internal static class TomlDocumentReader
{
    private const string DepthMarker = "maximum depth";

    public static TomlTable Read(string text)
    {
        // The syntax parser validates the document fully (duplicate keys and tables, redefinitions) and reports
        // the exact position; the model reader below is lenient about those.
        PerstackConfigException? syntaxError = null;
        try
        {
            var document = SyntaxParser.Parse(text, sourceName: null, validate: true);
            var error = document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error);
            if (error is not null)
            {
                throw PerstackConfigException.Syntax(
                    error.Span.Start.Line + 1, error.Span.Start.Column + 1, Describe(error.Message));
            }
        }
        catch (TomlException e)
        {
            // Typically "maximum depth exceeded", thrown without a position; the model reader locates it.
            syntaxError = FromTomlException(e);
        }

        TomlTable? table;
        try
        {
            table = TomlSerializer.Deserialize(text, PerstackTomlContext.Default.TomlTable);
        }
        catch (TomlException e)
        {
            throw FromTomlException(e);
        }

        if (syntaxError is not null)
        {
            throw syntaxError;
        }

        return table ?? [];
    }

    /// <summary>
    /// Tomlyn wraps the real error ("(2,5) : error : Missing value after `=`.") in converter exceptions positioned
    /// at the start of the value: report the innermost message and the innermost known position.
    /// </summary>
    private static PerstackConfigException FromTomlException(TomlException exception)
    {
        TomlException innermost = exception;
        TomlException? located = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is TomlException toml)
            {
                innermost = toml;
                if (toml.Line is > 0 && toml.Column is > 0)
                {
                    located = toml;
                }
            }
        }

        var what = Describe(StripLocation(innermost.Message));
        return located is { Line: int line, Column: int column }
            ? PerstackConfigException.Syntax(line, column, what, exception)
            : new PerstackConfigException(PerstackConfigException.Prefix + what, exception);
    }

    private static string Describe(string message)
    {
        if (message.Contains(DepthMarker, StringComparison.Ordinal))
        {
            return "Nesting is too deep (more than 64 levels of tables or arrays)";
        }

        var firstLine = message.Split('\n', 2)[0].Trim();
        return firstLine.Length == 0 ? "Invalid TOML" : firstLine;
    }

    /// <summary>Removes the leading <c>(line,column) : error : </c> of Tomlyn's messages.</summary>
    private static string StripLocation(string message)
    {
        const string marker = " : error : ";
        if (message.StartsWith('('))
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index > 0)
            {
                return message[(index + marker.Length)..];
            }
        }

        return message;
    }
}
