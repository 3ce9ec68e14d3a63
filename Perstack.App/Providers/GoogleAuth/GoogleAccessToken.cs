namespace Perstack.App.Providers.GoogleAuth;

/// <summary>
/// An OAuth access token and when to fetch the next one. Its <see cref="ToString"/> never shows the token, so it cannot
/// reach a log line or an error message by accident.
/// </summary>
internal sealed class GoogleAccessToken(string value, DateTimeOffset renewAt)
{
    /// <summary>The bearer token.</summary>
    public string Value { get; } = value;

    /// <summary>When the token is to be replaced: shortly before it expires.</summary>
    public DateTimeOffset RenewAt { get; } = renewAt;

    /// <summary>
    /// A token that lives <paramref name="lifetime"/> from <paramref name="now"/>, renewed five minutes before it expires
    /// (or at half its life when it lives less than ten minutes, as a metadata server's cached token may).
    /// </summary>
    public static GoogleAccessToken Expiring(string value, DateTimeOffset now, TimeSpan lifetime)
    {
        var margin = lifetime > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(5) : lifetime / 2;
        return new GoogleAccessToken(value, now + lifetime - margin);
    }

    /// <inheritdoc />
    public override string ToString() => $"Google access token (renewed at {RenewAt:O})";
}
