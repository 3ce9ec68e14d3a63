using System.Text;

namespace Perstack.App.Cli.Output;

/// <summary>
/// The process's standard output as a byte stream, for commands that print a lot: going through <see cref="Console.Out"/>
/// decodes and encodes every string again and (auto-flushed) makes one system call per write — a 10,000-job listing
/// spent more time there than building its lines.
/// </summary>
internal static class RawStdout
{
    /// <summary>
    /// The standard output stream when <paramref name="output"/> is <see cref="Console.Out"/> writing UTF-8 (flushed
    /// first); null for anything else (tests, a redirect in process), which gets text.
    /// </summary>
    public static Stream? OpenFor(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ReferenceEquals(output, Console.Out) || Console.OutputEncoding.CodePage != Encoding.UTF8.CodePage)
        {
            return null;
        }

        output.Flush();
        return Console.OpenStandardOutput();
    }
}
