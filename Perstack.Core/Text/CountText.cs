using System.Globalization;

namespace Perstack.Core.Text;

/// <summary>Counts in words, singular or plural as the number asks: <c>1 job</c>, <c>0 jobs</c>, <c>2 jobs</c>.</summary>
public static class CountText
{
    /// <summary><paramref name="count"/> and the noun, with an <c>s</c> unless the count is one.</summary>
    public static string Of(long count, string singular) => string.Create(CultureInfo.InvariantCulture, $"{count} {Noun(count, singular)}");

    /// <summary>The noun as <paramref name="count"/> asks (<c>job</c> for 1, else <c>jobs</c>).</summary>
    public static string Noun(long count, string singular) => count == 1 ? singular : singular + "s";
}
