using System.Text;

namespace Perstack.App.Cli.Output;

/// <summary>
/// A writer for people (stderr, the human formats on stdout): everything written goes through
/// <see cref="TerminalText"/>, so no stored string reaches the terminal raw, whichever command printed it.
/// The writer's own line endings pass unchanged.
/// </summary>
internal sealed class EscapingTextWriter : TextWriter
{
    private readonly TextWriter _inner;

    public EscapingTextWriter(TextWriter inner)
        : base(inner?.FormatProvider)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Wraps <paramref name="writer"/> unless it already escapes.</summary>
    public static TextWriter Wrap(TextWriter writer) => writer as EscapingTextWriter ?? new EscapingTextWriter(writer);

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => _inner.Write(Escaped(buffer));

    public override void WriteLine() => _inner.WriteLine();

    public override void WriteLine(string? value) => _inner.WriteLine(Escaped(value.AsSpan()));

    public override void WriteLine(ReadOnlySpan<char> buffer) => _inner.WriteLine(Escaped(buffer));

    public override Task WriteAsync(char value) => _inner.WriteAsync(Escaped([value]));

    public override Task WriteAsync(string? value) => _inner.WriteAsync(Escaped(value.AsSpan()));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(Escaped(buffer.Span).AsMemory(), cancellationToken);

    public override Task WriteLineAsync() => _inner.WriteLineAsync();

    public override Task WriteLineAsync(string? value) => _inner.WriteLineAsync(Escaped(value.AsSpan()));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteLineAsync(Escaped(buffer.Span).AsMemory(), cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync() => _inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    private static string Escaped(ReadOnlySpan<char> text)
    {
        if (!TerminalText.NeedsEscaping(text))
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length + 16);
        TerminalText.Append(builder, text);
        return builder.ToString();
    }
}
