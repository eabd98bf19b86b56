namespace FabricEvidence.Chaincode;

/// <summary>One committed change of a key.</summary>
/// <param name="TxId">The transaction that made the change.</param>
/// <param name="Value">The value written (empty for a delete).</param>
/// <param name="Timestamp">The timestamp of that transaction, exact to the nanosecond.</param>
/// <param name="IsDelete">Whether the change deleted the key.</param>
public sealed record KeyModification(string TxId, byte[] Value, FabricTimestamp Timestamp, bool IsDelete);
