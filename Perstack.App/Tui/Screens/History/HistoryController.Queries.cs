using Perstack.App.Tui.Controls;

namespace Perstack.App.Tui.Screens.History;

/// <summary>The rows' first queries ("what the job was about"), read in the background: around the cursor, and all of them for a filter.</summary>
internal sealed partial class HistoryController
{
    // Rows read on each side of the cursor (and twice as many below it, where the list goes next).
    private const int QueriesAround = 60;

    protected override string FilterNote => _queries.Progress;

    protected override void OnFilterOpened() => FillQueries();

    /// <summary>Reads the first queries of the rows around <paramref name="index"/> (what the list shows), for the rows' "what it was about".</summary>
    private void FillQueriesAround(int index)
    {
        if (Shown.Count == 0 || _queries.IsFilling)
        {
            return;
        }

        int from = Math.Max(0, index - QueriesAround);
        int to = Math.Min(Shown.Count, index + (2 * QueriesAround));
        if (Enumerable.Range(from, to - from).All(i => Shown[i].Job is not { } job || _queries.Knows(job.Id)))
        {
            return;
        }

        FillQueries(ShownFrom, Enumerable.Range(from, to - from).Select(PositionInRows).ToList());
    }

    /// <summary>Reads the jobs' first queries in the background.</summary>
    private void FillQueries() => FillQueries(Rows, Enumerable.Range(0, Rows.Count));

    /// <summary>
    /// Reads the first queries of <paramref name="rows"/> at <paramref name="positions"/>; each batch shows the rows that
    /// now match the filter, in their place (the rows were replaced meanwhile, by a reload: filtered again, keeping the
    /// selection).
    /// </summary>
    private void FillQueries(IReadOnlyList<JobRow> rows, IEnumerable<int> positions)
    {
        _queries.Fill(rows, positions, Shell.Work, learnt =>
        {
            if (ReferenceEquals(rows, Rows))
            {
                RowsLearnt(learnt);
                return;
            }

            var selected = SelectedJobId;
            SetRows(Rows, resetSelection: false);
            SelectJob(selected);
        });
    }
}
