using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Perstack.Core.Secrets;

/// <summary>
/// The forms in which a secret value can show up in text a tool returns or a file holds: as it is; JSON-escaped (as
/// System.Text.Json writes it by default, minimally, and with <c>\/</c>); URL-encoded (<c>%2F</c> and <c>%2f</c>, with
/// <c>%20</c> or <c>+</c> for a space); and base64 (standard and URL-safe alphabets) at each of the three byte
/// alignments it can have inside a longer encoded text, keeping only the characters that depend on the secret's own
/// bytes (plus each such core JSON-escaped, for <c>+</c> and <c>/</c>).
/// </summary>
internal static class SecretForms
{
    /// <summary>The text forms (replaced by a marker) and the base64 cores (also filled inside base64 data).</summary>
    public static (IReadOnlyList<string> Text, IReadOnlyList<string> Base64) Of(string value)
    {
        var text = new HashSet<string>(StringComparer.Ordinal)
        {
            value,
            JsonEncodedText.Encode(value).Value,
            JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
            JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value.Replace("/", "\\/", StringComparison.Ordinal),
        };
        foreach (var encoded in new[] { Uri.EscapeDataString(value), WebUtility.UrlEncode(value) })
        {
            text.Add(encoded);
            text.Add(LowerHex(encoded));
        }

        var base64 = new HashSet<string>(StringComparer.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(value);
        for (int alignment = 0; alignment < 3; alignment++)
        {
            var core = Base64Core(bytes, alignment);
            if (core.Length > 0)
            {
                base64.Add(core);
                base64.Add(core.Replace('+', '-').Replace('/', '_'));
            }
        }

        foreach (var core in base64)
        {
            text.Add(JsonEncodedText.Encode(core).Value);
        }

        text.ExceptWith(base64);
        return ([.. text], [.. base64]);
    }

    /// <summary>
    /// The base64 characters of <paramref name="bytes"/> preceded by <paramref name="alignment"/> other bytes that do
    /// not depend on those other bytes, nor on what follows.
    /// </summary>
    internal static string Base64Core(byte[] bytes, int alignment)
    {
        var shifted = new byte[alignment + bytes.Length];
        bytes.CopyTo(shifted, alignment);
        var encoded = Convert.ToBase64String(shifted).TrimEnd('=');
        int first = ((8 * alignment) + 5) / 6; // the first character whose 6 bits all come from the secret
        int end = 8 * shifted.Length / 6; // characters past this one mix in the bytes that follow
        return end > first ? encoded[first..end] : "";
    }

    private static string LowerHex(string encoded)
    {
        var builder = new StringBuilder(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            builder.Append(encoded[i]);
            if (encoded[i] == '%' && i + 2 < encoded.Length)
            {
                builder.Append(char.ToLowerInvariant(encoded[i + 1])).Append(char.ToLowerInvariant(encoded[i + 2]));
                i += 2;
            }
        }

        return builder.ToString();
    }
}
