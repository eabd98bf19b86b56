using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>One committed version of an evidence record.</summary>
/// <param name="TxId">The transaction that wrote it.</param>
/// <param name="Timestamp">That transaction's timestamp.</param>
/// <param name="Record">The record as that transaction left it; <see cref="EvidenceRecord.LastChange"/> says what changed and who changed it.</param>
[DataType(Description = "One committed version of an evidence record")]
public sealed record HistoryEntry(string TxId, FabricTimestamp Timestamp, EvidenceRecord Record);
