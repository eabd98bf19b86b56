namespace FabricEvidence.Chaincode;

/// <summary>One page of a paginated query.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The records of this page.</param>
/// <param name="FetchedRecordsCount">How many records the peer fetched.</param>
/// <param name="Bookmark">Pass this to get the next page; empty when there are no more.</param>
public sealed record StateQueryPage<T>(IReadOnlyList<T> Records, int FetchedRecordsCount, string Bookmark);
