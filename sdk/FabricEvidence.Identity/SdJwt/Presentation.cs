namespace FabricEvidence.Identity;

/// <summary>A presentation a holder made: the SD-JWT with the chosen disclosures and a key binding JWT.</summary>
public sealed record Presentation
{
    /// <summary>The compact presentation: <c>&lt;issuer-signed JWT&gt;~&lt;disclosure&gt;~...~&lt;KB-JWT&gt;</c>.</summary>
    public required string Compact { get; init; }

    /// <summary>The paths of the claims the disclosures reveal, in presentation order.</summary>
    public required IReadOnlyList<string> DisclosedClaims { get; init; }

    /// <summary>The digests of the presented disclosures, in presentation order.</summary>
    public required IReadOnlyList<string> DisclosureDigests { get; init; }

    /// <summary>base64url SHA-256 of the issuer-signed JWT (the credential's key in the issuance records).</summary>
    public required string IssuerSignedJwtHash { get; init; }

    /// <summary>The <c>sd_hash</c> in the key binding JWT.</summary>
    public required string SdHash { get; init; }

    /// <inheritdoc />
    public override string ToString() => Compact;
}
