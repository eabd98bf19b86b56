namespace FabricEvidence.Gateway;

/// <summary>A private key read, by its hash.</summary>
/// <param name="KeyHash">SHA-256 of the key.</param>
/// <param name="BlockNumber">The block of the last write, or <see langword="null"/> when the key did not exist.</param>
/// <param name="TransactionNumber">That transaction's position in its block.</param>
public sealed record HashedKeyRead(ReadOnlyMemory<byte> KeyHash, ulong? BlockNumber, ulong? TransactionNumber);
