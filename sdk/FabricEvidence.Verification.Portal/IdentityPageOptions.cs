namespace FabricEvidence.Verification.Portal;

/// <summary>
/// The identity verification page's settings, bound from <c>Portal:Identity</c> and validated at start-up. The page
/// verifies SD-JWT presentations with <c>VerifierClient</c> through the gateway configured in the
/// <see cref="GatewaySection"/> section, whose identity must be a verifier (<c>role=verifier</c>) of its organisation.
/// </summary>
public sealed class IdentityPageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Portal:Identity";

    /// <summary>The configuration section of the verifier's gateway (<c>FabricGatewayConnectionOptions</c>).</summary>
    public const string GatewaySection = "IdentityGateway";

    /// <summary>The name the verifier's gateway is registered under.</summary>
    public const string GatewayName = "identity";

    /// <summary>Whether the page is offered. Defaults to <see langword="false"/>: the page answers 404.</summary>
    public bool Enabled { get; set; }

    /// <summary>The channel the identity contract runs on. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>The identity contract's chaincode name. Defaults to <c>identity</c>.</summary>
    public string ChaincodeName { get; set; } = "identity";

    /// <summary>
    /// The CA certificate files (PEM) of the issuing organisations, by MSP id (<c>Portal:Identity:CertificateAuthorities:Org1MSP:0</c>):
    /// an issuer's certificate chain must end at a CA of the organisation the registry names for it. Required when
    /// <see cref="Enabled"/>; empty by default.
    /// </summary>
    public IDictionary<string, IList<string>> CertificateAuthorities { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// SHA-256 hashes (lowercase hexadecimal) of the access codes that sign a user in with the verifier role, which
    /// opens this page. Only hashes are configured, never the codes. Defaults to none.
    /// </summary>
    public IList<string> VerifierAccessCodeHashes { get; } = [];

    /// <summary>
    /// How long a nonce the page issued may be used. Defaults to 5 minutes, the age a key binding JWT may have when the
    /// contract records it.
    /// </summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest presentation accepted, pasted or uploaded, in bytes. Defaults to 64 KiB.</summary>
    public int MaxPresentationBytes { get; set; } = 64 * 1024;
}
