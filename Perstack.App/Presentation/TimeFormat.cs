using Perstack.Core.Text;
using System.Globalization;

namespace Perstack.App.Presentation;

/// <summary>How epoch-millisecond timestamps are shown to people: local time, sortable.</summary>
internal static class TimeFormat
{
    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> in the local time zone.</summary>
    public static string Local(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> in UTC.</summary>
    public static string Utc(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>HH:mm:ss</c> in UTC.</summary>
    public static string UtcClock(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>How long before <paramref name="nowMilliseconds"/> a time was: "just now", "3 min ago", "5 h ago", "2 days ago", "4 months ago", "2 years ago".</summary>
    public static string Ago(long epochMilliseconds, long nowMilliseconds)
    {
        long seconds = Math.Max(0, (nowMilliseconds - epochMilliseconds) / 1000);
        return seconds switch
        {
            < 60 => "just now",
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min ago"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h ago"),
            < 86400 * 2 => "1 day ago",
            < 86400 * 31 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400} days ago"),
            < 86400 * 365 => $"{CountText.Of(seconds / (86400 * 30), "month")} ago",
            _ => $"{CountText.Of(seconds / (86400 * 365), "year")} ago",
        };
    }
}
