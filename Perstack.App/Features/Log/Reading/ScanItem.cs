using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>An event on its way through <see cref="EventScan"/>: its file name, and its content once read.</summary>
/// <param name="Position">Its index in the listing.</param>
/// <param name="Name">What the file name says.</param>
/// <param name="Event">The content, when <c>--filter</c> already needed it.</param>
internal sealed record ScanItem(int Position, EventSummary Name, LoggedEvent? Event);
