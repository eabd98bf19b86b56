namespace FabricEvidence.Evidence;

/// <summary>Options of an <see cref="EvidenceClient"/>. Each property states its default.</summary>
public sealed class EvidenceClientOptions
{
    /// <summary>The chaincode name the evidence contract is deployed under. Defaults to <c>evidence</c>.</summary>
    public string ChaincodeName { get; set; } = "evidence";

    /// <summary>The channel. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>The page size of queries enumerated page by page, 1 to 100. Defaults to 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// The organisations (MSP ids) whose peers endorse submitted transactions, all at once; list every organisation
    /// the endorsement policy (and an item's key-level policy: its holder) requires, and only members of the private
    /// data collection, since these peers receive the transient data. Defaults to empty: the gateway peer chooses,
    /// endorsing on its own organisation first and then on the others the policy needs, one after the other.
    /// </summary>
    public IList<string> EndorsingOrganizations { get; } = new List<string>();

    /// <summary>
    /// For dependency injection: the name of the registered gateway to use
    /// (<c>IFabricGatewayFactory.GetGateway</c>). Defaults to empty: the unnamed gateway.
    /// </summary>
    public string GatewayName { get; set; } = string.Empty;
}
