namespace FabricEvidence.Chaincode;

/// <summary>A key and its value, as returned by range, composite-key and rich queries.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
public sealed record KeyValue(string Key, byte[] Value);
