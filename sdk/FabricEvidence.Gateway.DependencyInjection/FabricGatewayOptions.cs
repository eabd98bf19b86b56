namespace FabricEvidence.Gateway.DependencyInjection;

/// <summary>
/// Configuration of a Fabric Gateway client registered with <see cref="FabricGatewayServiceCollectionExtensions.AddFabricGateway(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>,
/// typically bound from a configuration section such as <c>"FabricGateway"</c>. The identity comes from either
/// <see cref="MspDirectory"/> or <see cref="CertificatePath"/> with <see cref="PrivateKeyPath"/>. Each property
/// states its default.
/// </summary>
public sealed class FabricGatewayOptions
{
    /// <summary>
    /// The peer's Gateway endpoint: <c>https://host:port</c> for TLS, <c>http://host:port</c> for plaintext, or
    /// <c>host:port</c>, which means TLS. Required. Defaults to <see langword="null"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// A PEM file with the CA certificate(s) the peer's TLS certificate must chain to (for a Fabric peer, its
    /// organization's TLS CA). Defaults to <see langword="null"/>: the operating system's trusted roots.
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

    /// <summary>
    /// The hash applied before signing: <c>SHA256</c>, <c>SHA384</c>, <c>SHA3_256</c>, <c>SHA3_384</c> or <c>NONE</c>.
    /// Defaults to <see langword="null"/>: <c>NONE</c> for an Ed25519 key, otherwise <c>SHA256</c>.
    /// </summary>
    public string? Hash { get; set; }

    /// <summary>Default timeout of each evaluate call. Defaults to 5 seconds.</summary>
    public TimeSpan? EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default timeout of each endorse call. Defaults to 15 seconds.</summary>
    public TimeSpan? EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Default timeout of each submit call. Defaults to 5 seconds.</summary>
    public TimeSpan? SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default timeout of each commit-status call. Defaults to 1 minute.</summary>
    public TimeSpan? CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default timeout of a chaincode-events stream. Defaults to <see langword="null"/>: none.</summary>
    public TimeSpan? ChaincodeEventsTimeout { get; set; }

    /// <summary>Default timeout of a block-events stream. Defaults to <see langword="null"/>: none.</summary>
    public TimeSpan? BlockEventsTimeout { get; set; }

    /// <summary>Default timeout of a filtered-block-events stream. Defaults to <see langword="null"/>: none.</summary>
    public TimeSpan? FilteredBlockEventsTimeout { get; set; }

    /// <summary>Default timeout of a block-and-private-data-events stream. Defaults to <see langword="null"/>: none.</summary>
    public TimeSpan? BlockAndPrivateDataEventsTimeout { get; set; }

    /// <summary>Retries; bind a <c>Resilience</c> subsection to change them. Defaults to a new <see cref="ResilienceOptions"/>.</summary>
    public ResilienceOptions Resilience { get; set; } = new();
}
