namespace Perstack.Core.Storage;

/// <summary>The readable items of a listing plus the problems met on the way; one bad file never hides the rest.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items in the listing's documented order.</param>
/// <param name="Problems">Files that could not be read.</param>
public sealed record StoreListing<T>(IReadOnlyList<T> Items, IReadOnlyList<StoreProblem> Problems);
