namespace FabricEvidence.Gateway;

/// <summary>A key a transaction read, and the version it had then (absent when the key did not exist).</summary>
/// <param name="Key">The key.</param>
/// <param name="BlockNumber">The block of the transaction that last wrote it, or <see langword="null"/> when absent.</param>
/// <param name="TransactionNumber">That transaction's position in its block.</param>
public sealed record KeyRead(string Key, ulong? BlockNumber, ulong? TransactionNumber);
