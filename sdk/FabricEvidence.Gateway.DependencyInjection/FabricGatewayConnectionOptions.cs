namespace FabricEvidence.Gateway.DependencyInjection;

/// <summary>
/// Where a registered gateway connects and as whom: the peer's endpoint and TLS, and the client identity's files.
/// Everything else (timeouts, retries, hash) is <see cref="GatewayOptions"/>, bound from the same configuration
/// section. Each property states its default.
/// </summary>
/// <example>
/// <code>
/// // appsettings.json
/// // "FabricGateway": {
/// //   "Endpoint": "https://peer0.org1.example.com:7051", "TlsRootCertificatePath": "tls/ca.crt",
/// //   "MspId": "Org1MSP", "MspDirectory": "msp",
/// //   "EvaluateTimeout": "00:00:03", "Resilience": { "EvaluateMaxRetries": 3 }
/// // }
/// </code>
/// </example>
public sealed class FabricGatewayConnectionOptions
{
    /// <summary>
    /// The peer's Gateway endpoint: <c>https://host:port</c> for TLS, <c>http://host:port</c> for plaintext, or
    /// <c>host:port</c>, which means TLS. Required. Defaults to <see langword="null"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// A PEM file with the CA certificate(s) the peer's TLS certificate must chain to (for a Fabric peer, its
    /// organization's TLS CA); they are then the only trust anchors. Defaults to <see langword="null"/>: the operating
    /// system's trusted roots.
    /// </summary>
    public string? TlsRootCertificatePath { get; set; }

    /// <summary>The host name to expect in the peer's TLS certificate when it differs from the endpoint's host. Defaults to <see langword="null"/>.</summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>A PEM client certificate for mutual TLS; requires <see cref="TlsClientKeyPath"/>. Defaults to <see langword="null"/>: no client certificate.</summary>
    public string? TlsClientCertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="TlsClientCertificatePath"/>. Defaults to <see langword="null"/>.</summary>
    public string? TlsClientKeyPath { get; set; }

    /// <summary>The MSP ID of the client identity, for example <c>Org1MSP</c>. Required. Defaults to <see langword="null"/>.</summary>
    public string? MspId { get; set; }

    /// <summary>
    /// A Fabric MSP folder (with <c>signcerts</c> and <c>keystore</c>) holding the identity. Use this or
    /// <see cref="CertificatePath"/> and <see cref="PrivateKeyPath"/>. Defaults to <see langword="null"/>.
    /// </summary>
    public string? MspDirectory { get; set; }

    /// <summary>The identity's PEM certificate. Defaults to <see langword="null"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// The identity's PEM private key. Defaults to <see langword="null"/>. With a certificate but no key, the gateway
    /// supports offline signing only.
    /// </summary>
    public string? PrivateKeyPath { get; set; }
}
