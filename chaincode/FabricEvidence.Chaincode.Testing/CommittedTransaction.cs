using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>A transaction that reached the ledger, as a block would record it.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Timestamp">The transaction timestamp.</param>
/// <param name="ValidationCode">Whether the committer accepted it; only <see cref="TxValidationCode.Valid"/> transactions changed the state.</param>
/// <param name="CreatorMspId">The MSP id of the client, or empty when the creator is not a serialized identity.</param>
/// <param name="Args">The invocation arguments.</param>
/// <param name="WrittenKeys">The public keys written or deleted, in key order.</param>
/// <param name="PrivateWrites">The private writes as the block records them: hashes only.</param>
/// <param name="Event">The chaincode event, if the transaction set one.</param>
public sealed record CommittedTransaction(
    string TxId,
    FabricTimestamp Timestamp,
    TxValidationCode ValidationCode,
    string CreatorMspId,
    IReadOnlyList<byte[]> Args,
    IReadOnlyList<string> WrittenKeys,
    IReadOnlyList<PrivateWriteRecord> PrivateWrites,
    ChaincodeEventRecord? Event);
