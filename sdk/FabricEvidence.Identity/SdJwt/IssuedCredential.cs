namespace FabricEvidence.Identity;

/// <summary>An SD-JWT VC as the issuer hands it to the holder, with the commitments for the ledger.</summary>
public sealed record IssuedCredential
{
    /// <summary>The SD-JWT in compact form with every disclosure: <c>&lt;issuer-signed JWT&gt;~&lt;disclosure&gt;~...~</c>.</summary>
    public required string SdJwt { get; init; }

    /// <summary>The issuer-signed JWT alone.</summary>
    public required string IssuerSignedJwt { get; init; }

    /// <summary>The disclosures in the order they appear in <see cref="SdJwt"/>.</summary>
    public required IReadOnlyList<Disclosure> Disclosures { get; init; }

    /// <summary>The hashes and metadata the ledger may record (no claim values).</summary>
    public required CredentialCommitment Commitment { get; init; }

    /// <inheritdoc />
    public override string ToString() => SdJwt;
}
