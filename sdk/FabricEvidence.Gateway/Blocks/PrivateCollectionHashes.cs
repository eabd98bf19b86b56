namespace FabricEvidence.Gateway;

/// <summary>
/// What the shared ledger records of a transaction's private data in one collection: hashes only (SHA-256 of each key
/// and value); the values stay with the collection's members.
/// </summary>
/// <param name="CollectionName">The collection.</param>
/// <param name="Reads">The hashed keys read.</param>
/// <param name="Writes">The hashed keys and values written.</param>
/// <param name="PrivateReadWriteSetHash">The hash of the collection's private read/write set.</param>
public sealed record PrivateCollectionHashes(string CollectionName, IReadOnlyList<HashedKeyRead> Reads, IReadOnlyList<HashedKeyWrite> Writes, ReadOnlyMemory<byte> PrivateReadWriteSetHash);
