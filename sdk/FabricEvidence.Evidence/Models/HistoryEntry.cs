using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence;

/// <summary>One committed version of an evidence record: the transaction that wrote it and the record after it.</summary>
/// <param name="TxId">The transaction.</param>
/// <param name="Timestamp">Its timestamp, exact.</param>
/// <param name="Record">The record after the transaction.</param>
public sealed record HistoryEntry(string TxId, Timestamp Timestamp, EvidenceRecord Record);
