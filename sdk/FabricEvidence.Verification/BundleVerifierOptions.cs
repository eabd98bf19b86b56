namespace FabricEvidence.Verification;

/// <summary>How <see cref="BundleVerifier"/> verifies. Each property states its default.</summary>
public sealed class BundleVerifierOptions
{
    /// <summary>
    /// The root CA certificates the court trusts, as SHA-256 fingerprints of their DER encoding (hexadecimal, any letter
    /// case, colons allowed). When any are given, every identity that signed must chain to one of them, or the
    /// <see cref="VerificationCheckNames.TrustAnchors"/> check fails. Without them, a bundle proves that the blocks are
    /// consistent with the CAs of its own configuration block, not who those CAs are: the check is reported as skipped
    /// with the fingerprints to compare. Defaults to empty.
    /// </summary>
    public ISet<string> TrustedRootFingerprints { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether to verify the ordering service's signatures on each full block against the channel's
    /// <c>/Channel/Orderer/BlockValidation</c> policy. These signatures are what binds a block's metadata (and with it
    /// the configuration block in force) to the ordering service. Defaults to <see langword="true"/>.
    /// </summary>
    public bool VerifyOrdererSignatures { get; set; } = true;
}
