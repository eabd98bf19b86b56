namespace FabricEvidence.Identity.Client;

/// <summary>Options of an <see cref="IssuerClient"/>. Each property states its default.</summary>
public sealed class IssuerClientOptions
{
    /// <summary>The issuer's URI as registered (the <c>iss</c> of its credentials). Required; no default.</summary>
    public string IssuerId { get; set; } = string.Empty;

    /// <summary>The clock of issuance times and status list tokens. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How often a status reservation is sent when it loses an MVCC race with a reservation of the same issuer and
    /// type by another client (they share the list's allocation counter; one client sends its own one at a time),
    /// 1 to 20. Defaults to 8.
    /// </summary>
    public int ReservationAttempts { get; set; } = 8;

    /// <summary>The <c>ttl</c> of status list tokens: how long relying parties may cache them. Defaults to 5 minutes.</summary>
    public TimeSpan StatusListTimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The chaincode name the identity contract is deployed under. Defaults to <c>identity</c>.</summary>
    public string ChaincodeName { get; set; } = "identity";

    /// <summary>The channel. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>
    /// For dependency injection: the name of the registered gateway to use
    /// (<c>IFabricGatewayFactory.GetGateway</c>). Defaults to empty: the unnamed gateway.
    /// </summary>
    public string GatewayName { get; set; } = string.Empty;
}
