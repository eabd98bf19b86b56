namespace FabricEvidence.IntegrationTests;

/// <summary>The client users network.sh creates in each organisation.</summary>
public enum NetworkUser
{
    /// <summary>cryptogen's User1: a client without attributes.</summary>
    User,

    /// <summary>A client with the attribute <c>role=investigator</c> (may register evidence).</summary>
    Investigator,

    /// <summary>A client with the attribute <c>role=custodian</c> (may accept custody).</summary>
    Custodian,

    /// <summary>A client with the attribute <c>role=storage</c> (the storage receiver: confirms storage, attests integrity).</summary>
    Storage,

    /// <summary>A client with the attribute <c>role=prosecutor</c>.</summary>
    Prosecutor,

    /// <summary>A client with the attribute <c>role=judge</c>.</summary>
    Judge,
}

/// <summary>One peer organisation of the network, as a Gateway client sees it.</summary>
/// <param name="MspId">Its MSP id.</param>
/// <param name="PeerAddress">Its peer's address, <c>host:port</c> (the Gateway endpoint, and how the Gateway names the peer in error details).</param>
/// <param name="TlsCaPath">The PEM file of its TLS CA, which issued the peer's TLS certificate.</param>
/// <param name="PeerHostName">The peer's host name in its TLS certificate.</param>
/// <param name="UserMspDirectories">The MSP folder (signcerts/, keystore/) of each of its client users.</param>
public sealed record NetworkOrganisation(
    string MspId,
    string PeerAddress,
    string TlsCaPath,
    string PeerHostName,
    IReadOnlyDictionary<NetworkUser, string> UserMspDirectories)
{
    /// <summary>The Gateway endpoint, with TLS.</summary>
    public string PeerEndpoint => "https://" + PeerAddress;
}
