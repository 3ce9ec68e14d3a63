namespace Perstack.App.Features.Log.Reading;

/// <summary>What one <see cref="EventScan"/> pass found.</summary>
/// <param name="Summary">Totals over every matched event.</param>
/// <param name="Matched">Matched events before pagination.</param>
/// <param name="Shown">Matched events written (the page).</param>
/// <param name="ContextShown">Context events written.</param>
internal sealed record ScanResult(LogSummary Summary, long Matched, long Shown, long ContextShown);
