namespace Perstack.Core.Search;

/// <summary>
/// What was typed, parsed once: the words to find (all of them, case-insensitively, anywhere in a job) and the whole
/// text as a phrase. At most <see cref="MaxTerms"/> words of at most <see cref="MaxTermLength"/> characters count.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Words beyond this many are ignored.</summary>
    public const int MaxTerms = 8;

    /// <summary>A longer word is cut to this length.</summary>
    public const int MaxTermLength = 200;

    private SearchQuery(string phrase, IReadOnlyList<string> terms)
    {
        Phrase = phrase;
        Terms = terms;
    }

    /// <summary>The typed text, trimmed, its blanks collapsed to one space.</summary>
    public string Phrase { get; }

    /// <summary>The distinct words, longest first (the rarest usually, so a job without it is dropped soonest).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Whether there is nothing to search for.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Parses <paramref name="text"/>; control characters count as blanks.</summary>
    public static SearchQuery Parse(string? text)
    {
        var words = SearchText.Clean(text ?? "", int.MaxValue)
            .Split(' ', '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Length > MaxTermLength ? w[..MaxTermLength] : w)
            .ToList();
        var terms = words
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxTerms)
            .OrderByDescending(w => w.Length)
            .ToList();
        return new SearchQuery(string.Join(' ', words), terms);
    }
}
