namespace FabricEvidence.Identity.Client;

/// <summary>A consent the holder gives a verifier: which claims of which credential, for what purpose, until when.</summary>
public sealed class GrantConsentRequest
{
    /// <summary>The wallet entry of the credential.</summary>
    public required string EntryId { get; init; }

    /// <summary>The verifying organisation (MSP id); only its verifiers may use the consent.</summary>
    public required string Verifier { get; init; }

    /// <summary>The purpose code the verifier must record its verifications under.</summary>
    public required string Purpose { get; init; }

    /// <summary>The claim paths the verifier may see (for example <c>age_over_18</c>, <c>address/locality</c>).</summary>
    public required IReadOnlyCollection<string> Claims { get; init; }

    /// <summary>When the consent lapses.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>The consent id; a random one by default.</summary>
    public string? ConsentId { get; init; }
}
