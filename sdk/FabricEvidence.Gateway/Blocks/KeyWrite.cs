namespace FabricEvidence.Gateway;

/// <summary>A key a transaction wrote or deleted.</summary>
/// <param name="Key">The key.</param>
/// <param name="IsDelete">Whether the key was deleted.</param>
/// <param name="Value">The value written; empty for a delete.</param>
public sealed record KeyWrite(string Key, bool IsDelete, ReadOnlyMemory<byte> Value);
