namespace FabricEvidence.Chaincode;

/// <summary>
/// The results of a query, fetched from the peer in batches as they are enumerated. Dispose it (or enumerate to the
/// end with <c>await foreach</c>, which disposes it) so the peer can close its iterator.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IStateQueryIterator<out T> : IAsyncEnumerable<T>, IAsyncDisposable
{
}
