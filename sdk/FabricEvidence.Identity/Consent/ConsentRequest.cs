namespace FabricEvidence.Identity;

/// <summary>What a holder consents to: one verifier may check the named claims of one credential for one purpose until a time.</summary>
public sealed class ConsentRequest
{
    /// <summary>The consent's identifier (<c>jti</c>), unique per consent. Defaults to 128 random bits as 32 lowercase hex digits.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The credential's identifier as the issuance record names it. Required.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The verifier the consent is for (<c>aud</c>), e.g. its organisation's MSP ID. Required.</summary>
    public required string Verifier { get; init; }

    /// <summary>Why the verifier may look (a purpose code such as <c>age-check</c>). Required.</summary>
    public required string Purpose { get; init; }

    /// <summary>The claim names the verifier may see (names only, never values). Required, at least one.</summary>
    public required IReadOnlyCollection<string> Claims { get; init; }

    /// <summary>When the consent lapses (<c>exp</c>). Required.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>When the holder signs (<c>iat</c>). Defaults to the clock given to <see cref="ConsentToken.Sign"/>.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
