namespace FabricEvidence.Verification;

/// <summary>An identity that signed something in the bundle (a creator, an endorser), as its certificate describes it.</summary>
public sealed class VerifiedIdentity
{
    internal VerifiedIdentity()
    {
    }

    /// <summary>The MSP id the identity claims (e.g. <c>Org1MSP</c>).</summary>
    public string MspId { get; internal init; } = string.Empty;

    /// <summary>The certificate's subject distinguished name, empty when the certificate could not be read.</summary>
    public string Subject { get; internal init; } = string.Empty;

    /// <summary>The certificate's issuer distinguished name.</summary>
    public string Issuer { get; internal init; } = string.Empty;

    /// <summary>The certificate's serial number, hexadecimal.</summary>
    public string SerialNumber { get; internal init; } = string.Empty;

    /// <summary>SHA-256 of the DER certificate, lowercase hexadecimal (the fingerprint the evidence contract records).</summary>
    public string CertificateFingerprint { get; internal init; } = string.Empty;

    /// <summary>The Fabric CA attribute <c>role</c> (extension 1.2.3.4.5.6.7.8.1, <c>{"attrs":{"role":…}}</c>), or null.</summary>
    public string? Role { get; internal init; }

    /// <summary>The node role the MSP's NodeOUs give the certificate (<c>client</c>, <c>peer</c>, <c>admin</c>, <c>orderer</c>), or null.</summary>
    public string? NodeRole { get; internal init; }

    /// <summary>The certificate's organisational units.</summary>
    public IReadOnlyList<string> OrganizationalUnits { get; internal init; } = [];

    /// <summary>Start of the certificate's validity.</summary>
    public DateTimeOffset NotBefore { get; internal init; }

    /// <summary>End of the certificate's validity.</summary>
    public DateTimeOffset NotAfter { get; internal init; }

    /// <summary>Whether the identity was valid in its MSP at the time checked and its signature verified.</summary>
    public bool IsValid { get; internal init; }
}
