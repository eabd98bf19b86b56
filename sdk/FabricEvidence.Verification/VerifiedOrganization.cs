namespace FabricEvidence.Verification;

/// <summary>
/// An organisation whose identities signed something the verifier checked, with the root CA certificates those
/// identities chain to: the trust anchors. A court compares these fingerprints with the ones the organisation
/// publishes (or passes them in <see cref="BundleVerifierOptions.TrustedRootFingerprints"/>).
/// </summary>
public sealed class VerifiedOrganization
{
    internal VerifiedOrganization()
    {
    }

    /// <summary>The MSP id.</summary>
    public string MspId { get; internal init; } = string.Empty;

    /// <summary>The root CA certificates used, as SHA-256 fingerprints of their DER encoding (lowercase hexadecimal).</summary>
    public IReadOnlyList<string> RootFingerprints { get; internal init; } = [];

    /// <summary>The subjects of those root CA certificates, in the same order.</summary>
    public IReadOnlyList<string> RootSubjects { get; internal init; } = [];

    /// <summary>Whether every one of them is among the trusted roots given; null when none were given.</summary>
    public bool? IsTrusted { get; internal init; }
}
