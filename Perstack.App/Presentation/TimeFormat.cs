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
}
