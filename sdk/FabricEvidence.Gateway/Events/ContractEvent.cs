namespace FabricEvidence.Gateway;

/// <summary>
/// An event a chaincode set in a transaction that committed successfully (named so as not to clash with the message
/// type <c>protos.ChaincodeEvent</c>).
/// </summary>
public sealed class ContractEvent
{
    /// <summary>Creates an event (public so that tests of your own code can build one).</summary>
    public ContractEvent(ulong blockNumber, string transactionId, string chaincodeName, string eventName, ReadOnlyMemory<byte> payload)
    {
        BlockNumber = blockNumber;
        TransactionId = transactionId ?? throw new ArgumentNullException(nameof(transactionId));
        ChaincodeName = chaincodeName ?? throw new ArgumentNullException(nameof(chaincodeName));
        EventName = eventName ?? throw new ArgumentNullException(nameof(eventName));
        Payload = payload;
    }

    /// <summary>The number of the block holding the transaction.</summary>
    public ulong BlockNumber { get; }

    /// <summary>The ID of the transaction that set the event.</summary>
    public string TransactionId { get; }

    /// <summary>The chaincode that set the event.</summary>
    public string ChaincodeName { get; }

    /// <summary>The event name.</summary>
    public string EventName { get; }

    /// <summary>The event payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ChaincodeName}/{EventName} in block {BlockNumber}, transaction {TransactionId}";
}
