namespace Perstack.App.Tui.Controls;

/// <summary>A list row the <c>/</c> filter can match.</summary>
internal interface IFilterableRow
{
    /// <summary>Whether the row matches <paramref name="filter"/> (case-insensitive).</summary>
    bool Matches(string filter);
}
