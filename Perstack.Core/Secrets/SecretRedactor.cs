using System.Buffers;
using System.Text;

namespace Perstack.Core.Secrets;

/// <summary>
/// Replaces the values of known secrets (<see cref="KnownSecret"/>, at least <see cref="MinimumLength"/> characters) in
/// every form <see cref="SecretForms"/> lists with <c>[REDACTED:&lt;NAME&gt;]</c>, in text and in UTF-8 bytes. One pass
/// over the input finds every form of every secret (<see cref="SearchValues{T}"/> of strings: vectorised
/// multi-pattern search), so a clean input costs a scan and no allocation; where two forms overlap the longest wins.
/// Immutable and thread-safe; <see cref="None"/> has no secrets and returns its inputs.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>Shorter values are not treated as secrets: they would turn up in ordinary text (real keys are far longer).</summary>
    public const int MinimumLength = 8;

    private const int ScanChunk = 64 * 1024;

    private readonly Matcher _text;
    private readonly Matcher _utf8;
    private readonly Matcher _base64Data;

    /// <summary>Creates the redactor; values shorter than <see cref="MinimumLength"/> are ignored, duplicates kept once.</summary>
    public SecretRedactor(IEnumerable<KnownSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var text = new List<(string Form, string Replacement)>();
        var base64 = new List<(string Form, string Replacement)>();
        foreach (var secret in secrets.Where(s => s.Value.Length >= MinimumLength).DistinctBy(s => s.Value, StringComparer.Ordinal))
        {
            var marker = Marker(secret.Name);
            var (forms, cores) = SecretForms.Of(secret.Value);
            text.AddRange(forms.Concat(cores).Select(f => (f, marker)));
            base64.AddRange(cores.Select(core => (core, new string('A', core.Length))));
        }

        _text = new Matcher(text);
        _utf8 = new Matcher([.. text.Select(p => (Latin1(p.Form), Latin1(p.Replacement)))]);
        _base64Data = new Matcher(base64);
        Names = [.. secrets.Where(s => s.Value.Length >= MinimumLength).Select(s => s.Name).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A redactor that knows no secret.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>Whether it knows no secret (every method returns its input).</summary>
    public bool IsEmpty => _text.IsEmpty;

    /// <summary>The names of the secrets it knows (never their values).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The length of the longest form: a streamed text must hold back less than this.</summary>
    internal int LongestForm => _text.Longest;

    /// <summary><paramref name="text"/> with every secret form replaced; the same instance when there is none.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _text.Replace(text);
    }

    /// <summary>
    /// Base64 data (an inline image or file) with the base64 forms of every secret filled with <c>A</c>: the data still
    /// decodes (to other bytes where the secret was), and its length is kept.
    /// </summary>
    public string RedactBase64Data(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return _base64Data.Replace(base64);
    }

    /// <summary>UTF-8 bytes (a file being written) with every secret form replaced; the same memory when there is none.</summary>
    public ReadOnlyMemory<byte> RedactUtf8(ReadOnlyMemory<byte> utf8)
    {
        if (IsEmpty || utf8.IsEmpty)
        {
            return utf8;
        }

        // Each byte as the char of the same value (Latin-1): a search over chars is a search over bytes, and the
        // forms were widened the same way. Searched in pooled chunks that overlap by a form's length, so a large
        // file (a checkpoint of many MB) costs no large allocation unless it holds a secret.
        var bytes = utf8.Span;
        int overlap = _utf8.Longest - 1;
        var chars = ArrayPool<char>.Shared.Rent(Math.Min(bytes.Length, ScanChunk + overlap));
        try
        {
            bool found = false;
            for (int start = 0; start < bytes.Length && !found; start += ScanChunk)
            {
                int count = Encoding.Latin1.GetChars(bytes[start..Math.Min(bytes.Length, start + ScanChunk + overlap)], chars);
                found = _utf8.Contains(chars.AsSpan(0, count));
            }

            return found ? Encoding.Latin1.GetBytes(_utf8.Replace(Encoding.Latin1.GetString(bytes))) : utf8;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Whether <paramref name="text"/> holds a form of a secret.</summary>
    public bool Contains(string text) => text is not null && _text.Contains(text);

    /// <summary>Starts redacting a text that arrives in pieces (streamed model output): see <see cref="StreamRedaction"/>.</summary>
    public StreamRedaction StartStream() => new(this);

    /// <summary>Whether some form starts with <paramref name="text"/> and is longer (so the text may be its beginning).</summary>
    internal bool IsProperPrefixOfAForm(ReadOnlySpan<char> text) => _text.IsProperPrefix(text);

    private static string Marker(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"[REDACTED:{name}]" : "[REDACTED]";

    private static string Latin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>The forms and their replacements, searched together.</summary>
    private sealed class Matcher
    {
        private readonly (string Form, string Replacement)[] _byLength;
        private readonly SearchValues<string>? _search;
        private HashSet<string>? _prefixes;

        public Matcher(IEnumerable<(string Form, string Replacement)> patterns)
        {
            _byLength = [.. patterns.DistinctBy(p => p.Form, StringComparer.Ordinal).OrderByDescending(p => p.Form.Length)];
            _search = _byLength.Length == 0 ? null : SearchValues.Create(_byLength.Select(p => p.Form).ToArray(), StringComparison.Ordinal);
            Longest = _byLength.Length == 0 ? 0 : _byLength[0].Form.Length;
        }

        public bool IsEmpty => _search is null;

        public int Longest { get; }

        public bool Contains(ReadOnlySpan<char> text) => _search is not null && text.IndexOfAny(_search) >= 0;

        /// <summary>Whether a form starts with <paramref name="text"/> (every proper prefix is kept in a set, made on first use).</summary>
        public bool IsProperPrefix(ReadOnlySpan<char> text)
        {
            var prefixes = LazyInitializer.EnsureInitialized(ref _prefixes, () =>
            {
                var all = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (form, _) in _byLength)
                {
                    for (int length = 1; length < form.Length; length++)
                    {
                        all.Add(form[..length]);
                    }
                }

                return all;
            });
            return prefixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text);
        }

        public string Replace(string text)
        {
            if (_search is null)
            {
                return text;
            }

            int at = text.AsSpan().IndexOfAny(_search);
            if (at < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            int copied = 0;
            while (at >= 0)
            {
                var (form, replacement) = LongestAt(text.AsSpan(copied + at));
                result.Append(text, copied, at).Append(replacement);
                copied += at + form.Length;
                at = text.AsSpan(copied).IndexOfAny(_search);
            }

            return result.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>The longest form <paramref name="text"/> starts with (the search found one there).</summary>
        private (string Form, string Replacement) LongestAt(ReadOnlySpan<char> text)
        {
            foreach (var pattern in _byLength)
            {
                if (text.StartsWith(pattern.Form, StringComparison.Ordinal))
                {
                    return pattern;
                }
            }

            throw new InvalidOperationException("The search found a form that no pattern starts");
        }
    }
}
