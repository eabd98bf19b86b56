namespace FabricEvidence.Chaincode;

/// <summary>
/// A request of the chaincode to the peer failed: the peer answered ERROR (for example a private-data call inside
/// Init, a missing channel capability, a collection the client may not access), or the connection to the peer ended
/// before it answered. The message is the peer's own text. Letting the exception escape the chaincode fails the
/// transaction with status 500 and that message.
/// </summary>
public sealed class PeerRequestException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public PeerRequestException()
        : this("The peer rejected a request of the chaincode.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public PeerRequestException(string message)
        : base(message)
    {
        RequestType = string.Empty;
        TxId = string.Empty;
        ChannelId = string.Empty;
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public PeerRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        RequestType = string.Empty;
        TxId = string.Empty;
        ChannelId = string.Empty;
    }

    /// <summary>Creates an exception for a failed request of a transaction.</summary>
    /// <param name="message">What went wrong: the peer's error text, or why no answer came.</param>
    /// <param name="requestType">The request's message type, for example <c>GET_STATE</c>.</param>
    /// <param name="channelId">The channel of the transaction.</param>
    /// <param name="txId">The transaction id.</param>
    /// <param name="innerException">The cause, when the failure was local.</param>
    public PeerRequestException(string message, string requestType, string channelId, string txId, Exception? innerException = null)
        : base(message, innerException)
    {
        RequestType = requestType ?? string.Empty;
        ChannelId = channelId ?? string.Empty;
        TxId = txId ?? string.Empty;
    }

    /// <summary>The message type of the failed request (for example <c>GET_STATE</c>); empty when unknown.</summary>
    public string RequestType { get; }

    /// <summary>The channel of the transaction; empty when unknown.</summary>
    public string ChannelId { get; }

    /// <summary>The transaction id; empty when unknown.</summary>
    public string TxId { get; }
}
