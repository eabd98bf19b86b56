namespace FabricEvidence.Evidence;

/// <summary>One page of a query.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Bookmark">Pass it to get the next page; empty after the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string Bookmark)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => Bookmark.Length > 0;
}
