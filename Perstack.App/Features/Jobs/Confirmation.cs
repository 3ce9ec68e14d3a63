using Perstack.Core.Text;
using System.Globalization;
using Perstack.App.Presentation;
using Perstack.Core.Domain;

namespace Perstack.App.Features.Jobs;

/// <summary>The <c>[y/N]</c> question destructive commands ask before deleting anything.</summary>
internal static class Confirmation
{
    /// <summary>
    /// Asks <paramref name="question"/> on stderr and reads the answer from <paramref name="input"/>; only <c>y</c> or
    /// <c>yes</c> agree. Refuses (one-line error) when there is no interactive input.
    /// </summary>
    public static async Task<bool> AskAsync(TextReader? input, TextWriter error, string question)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (input is null)
        {
            throw new PerstackException("Error: Refusing to delete without confirmation: stdin is not interactive (pass --yes)");
        }

        await error.WriteAsync($"{question} [y/N] ").ConfigureAwait(false);
        await error.FlushAsync().ConfigureAwait(false);
        var answer = (await input.ReadLineAsync().ConfigureAwait(false))?.Trim().ToLowerInvariant();
        if (answer is "y" or "yes")
        {
            return true;
        }

        await error.WriteLineAsync("Aborted: nothing was deleted").ConfigureAwait(false);
        return false;
    }

    /// <summary><c>1 job</c> / <c>2 jobs</c>.</summary>
    public static string Jobs(int count) => CountText.Of(count, "job");

    /// <summary>A size for people: <c>512 B</c>, <c>4.0 KB</c>, <c>1.2 MB</c>, <c>3.4 GB</c> (powers of 1024).</summary>
    public static string Size(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
