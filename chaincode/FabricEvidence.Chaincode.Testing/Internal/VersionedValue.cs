namespace FabricEvidence.Chaincode.Testing.Internal;

/// <summary>A committed value and the commit number that wrote it (the version Fabric's MVCC check compares).</summary>
internal sealed record VersionedValue(byte[] Value, long Version);

/// <summary>The version a transaction saw for a key: <see langword="null"/> when the key was absent.</summary>
internal readonly record struct ReadRecord(string? Collection, string Key, long? Version);

/// <summary>A range the transaction iterated, with the keys and versions it consumed, re-checked at commit for phantoms.</summary>
internal sealed record RangeRecord(string StartKey, string EndKey, IReadOnlyList<(string Key, long Version)> Consumed, bool Exhausted);
