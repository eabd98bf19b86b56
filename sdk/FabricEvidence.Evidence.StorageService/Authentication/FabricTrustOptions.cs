namespace FabricEvidence.Evidence.StorageService.Authentication;

/// <summary>Whom the service trusts: the organisations' CA certificates, by MSP id (section <c>StorageService:Authentication</c>).</summary>
internal sealed class FabricTrustOptions
{
    public const string Section = "StorageService:Authentication";

    /// <summary>MSP id → the organisation's CA certificates (PEM files). At least one organisation; no default.</summary>
    public Dictionary<string, OrganisationTrust> Organisations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far a signed request's date may be from the service's clock, and how long nonces are remembered. Defaults to 5 minutes.</summary>
    public TimeSpan SignatureClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>One organisation's certificate authorities, as its MSP folder holds them.</summary>
internal sealed class OrganisationTrust
{
    /// <summary>PEM files of the root CA certificates (<c>msp/cacerts</c>). At least one.</summary>
    public List<string> CaCertificates { get; set; } = [];

    /// <summary>PEM files of intermediate CA certificates (<c>msp/intermediatecerts</c>). Defaults to none.</summary>
    public List<string> IntermediateCertificates { get; set; } = [];
}
