using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Identity.Client;

/// <summary>Options of a <see cref="VerifierClient"/>. Each property states its default.</summary>
public sealed class VerifierClientOptions
{
    /// <summary>
    /// The certificate authorities of the channel's organisations, by MSP id: an issuer's certificate chain must end
    /// at a CA of the organisation the registry names for it. Required (at least one); empty by default.
    /// </summary>
    public IDictionary<string, X509Certificate2Collection> CertificateAuthorities { get; } = new Dictionary<string, X509Certificate2Collection>(StringComparer.Ordinal);

    /// <summary>The clock of the validity and key binding checks. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Clock skew tolerated in validity checks. Defaults to 60 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a key binding JWT may be. Defaults to 5 minutes (the contract's own limit).</summary>
    public TimeSpan KeyBindingMaxAge { get; set; } = TimeSpan.FromMinutes(5);

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
