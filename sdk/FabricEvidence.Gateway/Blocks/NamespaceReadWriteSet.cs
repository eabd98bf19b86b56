namespace FabricEvidence.Gateway;

/// <summary>What a transaction read and wrote in one namespace (a chaincode), and the hashes of its private writes.</summary>
/// <param name="Namespace">The namespace: the chaincode name (or <c>_lifecycle</c>, <c>lscc</c> for system namespaces).</param>
/// <param name="Reads">The keys read, with the version each was at.</param>
/// <param name="Writes">The keys written or deleted, with the values written.</param>
/// <param name="Collections">Per private data collection, the hashes of what was read and written.</param>
public sealed record NamespaceReadWriteSet(string Namespace, IReadOnlyList<KeyRead> Reads, IReadOnlyList<KeyWrite> Writes, IReadOnlyList<PrivateCollectionHashes> Collections);
