using System.Globalization;
using Perstack.App.Presentation;
using Perstack.App.Tui.Controls;
using Perstack.Core.Storage;

namespace Perstack.App.Tui.Screens.Events;

/// <summary>An event row: <c>[{type}] Step {n} ({time})</c>, then the question it asks, if any (<c>askUser asks: …</c>).</summary>
internal sealed record EventRow(EventSummary Event, string? Asks = null) : IFilterableRow
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"[{Event.Type}] Step {Event.StepNumber} ({TimeFormat.Local(Event.Timestamp)})");

    public bool Matches(string filter) =>
        Text.Contains(filter, StringComparison.OrdinalIgnoreCase) || (Asks?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false);
}
