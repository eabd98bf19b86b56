namespace FabricEvidence.Chaincode;

/// <summary>Whether a transaction is meant to change the ledger (submit) or only to read it (evaluate).</summary>
/// <remarks>
/// Fabric does not enforce the intent: it is published in the contract metadata (tags <c>SUBMIT</c>/<c>submitTx</c>
/// or <c>EVALUATE</c>) so that clients and tools know how to call the transaction.
/// </remarks>
public enum TransactionIntent
{
    /// <summary>The transaction writes to the ledger; clients submit it for endorsement and ordering.</summary>
    Submit = 0,

    /// <summary>The transaction only reads; clients evaluate it on one peer and nothing is ordered.</summary>
    Evaluate = 1,
}
