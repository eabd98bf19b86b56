namespace FabricEvidence.Identity;

/// <summary>What a holder presents to one verifier.</summary>
public sealed class PresentationRequest
{
    /// <summary>
    /// The claims to reveal, as paths (<c>age_over_18</c>, <c>address/locality</c>, <c>nationalities/0</c>). Revealing a
    /// claim also reveals the disclosures that lead to it and everything below it. Claims the issuer made always
    /// visible need not be listed. Required; may be empty.
    /// </summary>
    public required IReadOnlyCollection<string> Claims { get; init; }

    /// <summary>The verifier's identifier, the key binding JWT's <c>aud</c>. Required.</summary>
    public required string Audience { get; init; }

    /// <summary>The nonce the verifier issued for this presentation. Required.</summary>
    public required string Nonce { get; init; }

    /// <summary>When the holder signs (<c>iat</c> of the key binding JWT). Defaults to the presenter's clock.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
