using Perstack.Core.Storage;

namespace Perstack.App.Features.Log.Reading;

/// <summary>An event <see cref="EventReadAhead"/> read: its position in the listing, its content or why it is unreadable.</summary>
/// <param name="Position">Index in the listing.</param>
/// <param name="Event">The content; null when the file was missing or unreadable.</param>
/// <param name="Problem">Why the file was unreadable, if it was.</param>
internal sealed record ReadAheadItem(int Position, LoggedEvent? Event, StoreProblem? Problem);
