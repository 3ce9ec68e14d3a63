using System.Globalization;
using System.Text.Json;
using Perstack.Core.Runtime;

namespace Perstack.App.Tui.Screens.Execution;

/// <summary>The activity-log rows of retries: what failed, which attempt of how many, and the wait.</summary>
internal static class RetryFormat
{
    /// <summary>
    /// <c>↻ RateLimitError (HTTP 429), attempt 1 of 6 failed, retrying in 1.5 s: message</c>: an attempt of a model call
    /// failed (rate limit, server error, timeout) and is retried after the wait.
    /// </summary>
    public static string Attempt(ModelRetry retry, string message)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var status = retry.StatusCode is { } code ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {code})") : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"↻ {retry.FailureName}{status}, attempt {retry.Attempt} of {retry.MaxAttempts} failed, retrying in {Wait(retry.Delay)}: {ToolRowFormat.Cut(message.ReplaceLineEndings(" "), 100)}");
    }

    /// <summary>
    /// <c>↻ Retry 2 of 5: Error: No tool call generated - You must generate a tool call. Try again.</c>: the model
    /// answered without a tool call and is asked again (<paramref name="reason"/> is the retry event's JSON).
    /// </summary>
    public static string Generation(string reason, int retry, long? maxRetries)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var of = maxRetries is { } max ? string.Create(CultureInfo.InvariantCulture, $" of {max}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"↻ Retry {retry}{of}: {ToolRowFormat.Cut(Describe(reason), 120)}");
    }

    /// <summary>The wait, as people say it: <c>200 ms</c>, <c>1.5 s</c>, <c>2 min</c>.</summary>
    public static string Wait(TimeSpan delay) => delay.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{(int)delay.TotalMilliseconds} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMinutes:0.#} min"),
    };

    /// <summary><c>error - message</c> from the reason's JSON, or the reason as written when it is not that JSON.</summary>
    private static string Describe(string reason)
    {
        try
        {
            using var json = JsonDocument.Parse(reason);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return $"{error.GetString()} - {message.GetString()}";
            }
        }
        catch (JsonException)
        {
            // Not the runtime's JSON (another writer's history): shown as written.
        }

        return reason.ReplaceLineEndings(" ");
    }
}
