using System.Text;

namespace Perstack.Core.Secrets;

/// <summary>
/// Redacts a text that arrives in pieces (the deltas of a streamed model reply), where a secret may be split across
/// pieces: <see cref="Push"/> returns what can be shown now, holding back the end of the text while it could still be
/// the start of a secret form; <see cref="Flush"/> returns the rest when the stream ends. What is shown never holds a
/// secret form, however the pieces were cut. Not thread-safe (one stream, one reader).
/// </summary>
public sealed class StreamRedaction
{
    private readonly SecretRedactor _redactor;
    private readonly StringBuilder _held = new();

    internal StreamRedaction(SecretRedactor redactor) => _redactor = redactor;

    /// <summary>Adds a piece; returns the text that is safe to show now (possibly empty).</summary>
    public string Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (_redactor.IsEmpty)
        {
            return piece;
        }

        var text = _redactor.Redact(_held.Append(piece).ToString());
        int keep = HeldBack(text);
        _held.Clear().Append(text, text.Length - keep, keep);
        return text[..^keep];
    }

    /// <summary>The stream ended: the text still held back, redacted.</summary>
    public string Flush()
    {
        var rest = _redactor.Redact(_held.ToString());
        _held.Clear();
        return rest;
    }

    /// <summary>Forgets what is held (the stream starts over, e.g. a retried call).</summary>
    public void Reset() => _held.Clear();

    /// <summary>The length of the longest end of <paramref name="text"/> that is the start of a longer secret form.</summary>
    private int HeldBack(string text)
    {
        for (int length = Math.Min(text.Length, _redactor.LongestForm - 1); length > 0; length--)
        {
            if (_redactor.IsProperPrefixOfAForm(text.AsSpan(text.Length - length)))
            {
                return length;
            }
        }

        return 0;
    }
}
