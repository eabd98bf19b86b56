namespace FabricEvidence.Gateway;

/// <summary>
/// What one endorsing peer (or orderer) reported when a Gateway call failed: the Gateway's <c>gateway.ErrorDetail</c>,
/// named differently so that it does not clash with that message type in code that uses both.
/// </summary>
public sealed class EndpointError
{
    /// <summary>Creates a detail.</summary>
    public EndpointError(string address, string mspId, string message)
    {
        Address = address ?? string.Empty;
        MspId = mspId ?? string.Empty;
        Message = message ?? string.Empty;
    }

    /// <summary>The address of the peer or orderer, <c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The MSP ID of its organization.</summary>
    public string MspId { get; }

    /// <summary>What it reported.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Address} ({MspId}): {Message}";
}
