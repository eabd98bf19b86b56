namespace FabricEvidence.Chaincode.Testing;

/// <summary>The hashed form of one private write that the shared ledger keeps (the value itself stays with collection members).</summary>
/// <param name="Collection">The collection.</param>
/// <param name="KeyHash">Lowercase hex SHA-256 of the key's UTF-8 bytes.</param>
/// <param name="ValueHash">Lowercase hex SHA-256 of the value; <see langword="null"/> for a delete or purge.</param>
/// <param name="IsPurge">Whether the write purges the key.</param>
public sealed record PrivateWriteRecord(string Collection, string KeyHash, string? ValueHash, bool IsPurge);
