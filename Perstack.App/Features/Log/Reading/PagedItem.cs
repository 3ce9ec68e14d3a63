namespace Perstack.App.Features.Log.Reading;

/// <summary>An item <see cref="EventPager{T}"/> lets through: a match on the page, or context around one.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Item">The item.</param>
/// <param name="IsContext">True for a <c>--context</c> neighbour, false for a match.</param>
internal readonly record struct PagedItem<T>(T Item, bool IsContext);
