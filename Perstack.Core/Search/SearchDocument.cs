using Perstack.Core.Domain;

namespace Perstack.Core.Search;

/// <summary>
/// The searchable text of one job: its lines joined by line feeds in <see cref="Text"/> (one string, so a search is
/// one vectorized scan per word), where each line starts, and which checkpoint first wrote each line.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>The job.</summary>
    public required JobId JobId { get; init; }

    /// <summary>Its coordinator expert.</summary>
    public required string ExpertKey { get; init; }

    /// <summary>Its title, if set.</summary>
    public string? Title { get; init; }

    /// <summary>Its last activity (ms since the Unix epoch): ties in score go to the most recent job.</summary>
    public required long LastActivityAt { get; init; }

    /// <summary>The lines, each ended by a line feed but the last.</summary>
    public required string Text { get; init; }

    /// <summary>Where each line starts in <see cref="Text"/>, ascending.</summary>
    public required int[] LineStarts { get; init; }

    /// <summary>For each line, the index in <see cref="Checkpoints"/> of the checkpoint that first wrote it.</summary>
    public required int[] LineCheckpoints { get; init; }

    /// <summary>The checkpoints lines point to.</summary>
    public required IReadOnlyList<SearchCheckpoint> Checkpoints { get; init; }

    /// <summary>The text of line <paramref name="line"/>.</summary>
    public string Line(int line) => Text[LineStarts[line]..LineEnd(line)];

    /// <summary>Where line <paramref name="line"/> ends (its line feed, or the end of the text).</summary>
    public int LineEnd(int line) => line + 1 < LineStarts.Length ? LineStarts[line + 1] - 1 : Text.Length;

    /// <summary>The line holding position <paramref name="position"/> of <see cref="Text"/>.</summary>
    public int LineAt(int position)
    {
        int found = Array.BinarySearch(LineStarts, position);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>
    /// Whether the parts agree (every line start inside the text and ascending, every checkpoint index valid): a
    /// document read back from a cache file is checked with this before use.
    /// </summary>
    public bool IsConsistent()
    {
        if (LineStarts.Length != LineCheckpoints.Length || (LineStarts.Length == 0) != (Text.Length == 0))
        {
            return false;
        }

        for (int i = 0; i < LineStarts.Length; i++)
        {
            if (LineStarts[i] > Text.Length || (uint)LineCheckpoints[i] >= (uint)Checkpoints.Count)
            {
                return false;
            }

            bool ordered = i == 0 ? LineStarts[0] == 0 : LineStarts[i] > LineStarts[i - 1] && Text[LineStarts[i] - 1] == '\n';
            if (!ordered)
            {
                return false;
            }
        }

        return true;
    }
}
