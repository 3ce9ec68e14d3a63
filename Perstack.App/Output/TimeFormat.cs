using System.Globalization;

namespace Perstack.App.Output;

/// <summary>How epoch-millisecond timestamps are shown to people: local time, sortable.</summary>
internal static class TimeFormat
{
    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> in the local time zone.</summary>
    public static string Local(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
