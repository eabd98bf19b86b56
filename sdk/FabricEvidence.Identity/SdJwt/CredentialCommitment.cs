namespace FabricEvidence.Identity;

/// <summary>
/// What the ledger may record about an issued credential: hashes, the type, the issuer, validity and status position,
/// the holder key's thumbprint. Nothing in it is a claim value, a salt or a name of a person.
/// </summary>
public sealed record CredentialCommitment
{
    /// <summary>
    /// base64url(SHA-256(ASCII(issuer-signed JWT))). Every presentation of the credential carries that JWT unchanged,
    /// so a verifier computes the same value and can look the issuance up by it.
    /// </summary>
    public required string IssuerSignedJwtHash { get; init; }

    /// <summary>The digests of the credential's disclosures (not the decoys), sorted ordinally.</summary>
    public required IReadOnlyList<string> DisclosureDigests { get; init; }

    /// <summary>The RFC 7638 thumbprint of the holder key in <c>cnf.jwk</c>.</summary>
    public required string HolderKeyThumbprint { get; init; }

    /// <summary>The credential type (<c>vct</c>).</summary>
    public required string Vct { get; init; }

    /// <summary>The issuer identifier (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>The issuance time (<c>iat</c>, whole seconds).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The start of validity (<c>nbf</c>), if any.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The end of validity (<c>exp</c>), if any.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The status list entry, if any.</summary>
    public StatusReference? Status { get; init; }
}
