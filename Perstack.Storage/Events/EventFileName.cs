using System.Globalization;

namespace Perstack.Storage.Events;

/// <summary>The event file name grammar <c>event-{timestamp}-{stepNumber}-{type}.json</c>.</summary>
internal static class EventFileName
{
    private const string Prefix = "event-";
    private const string Suffix = ".json";

    /// <summary>Formats a file name.</summary>
    public static string Format(long timestamp, long stepNumber, string type) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{timestamp}-{stepNumber}-{type}{Suffix}");

    /// <summary>
    /// Parses a file name; splits only at the first two dashes after the prefix, so types containing dashes
    /// still parse.
    /// </summary>
    public static bool TryParse(string fileName, out long timestamp, out long stepNumber, out string type)
    {
        timestamp = 0;
        stepNumber = 0;
        type = "";
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Suffix.Length);
        int first = body.IndexOf('-');
        if (first <= 0)
        {
            return false;
        }

        var rest = body[(first + 1)..];
        int second = rest.IndexOf('-');
        if (second <= 0 || second == rest.Length - 1)
        {
            return false;
        }

        if (!long.TryParse(body[..first], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp)
            || !long.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out stepNumber))
        {
            return false;
        }

        type = rest[(second + 1)..].ToString();
        return true;
    }
}
