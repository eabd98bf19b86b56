namespace FabricEvidence.Gateway;

/// <summary>A private key written, deleted or purged, by its hashes.</summary>
/// <param name="KeyHash">SHA-256 of the key.</param>
/// <param name="ValueHash">SHA-256 of the value; empty for a delete or purge.</param>
/// <param name="IsDelete">Whether the key was deleted.</param>
/// <param name="IsPurge">Whether the key's private history was purged (<c>PurgePrivateData</c>).</param>
public sealed record HashedKeyWrite(ReadOnlyMemory<byte> KeyHash, ReadOnlyMemory<byte> ValueHash, bool IsDelete, bool IsPurge);
