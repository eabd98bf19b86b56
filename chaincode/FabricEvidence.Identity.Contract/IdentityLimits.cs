namespace FabricEvidence.Identity.Contract;

/// <summary>The limits the contract enforces, so that a client can check its input before it submits.</summary>
public static class IdentityLimits
{
    /// <summary>Longest id (proposal, credential, consent, MSP id): 64.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest URI (issuer id, <c>vct</c>, status list base URI): 256.</summary>
    public const int MaxUriLength = 256;

    /// <summary>Longest claim path: 128.</summary>
    public const int MaxClaimPathLength = 128;

    /// <summary>Longest code (purpose, reason): 64.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>Longest verifier nonce: 256.</summary>
    public const int MaxNonceLength = 256;

    /// <summary>Most organisations in the registry: 32.</summary>
    public const int MaxOrganisations = 32;

    /// <summary>Most claims of a credential type, and most claim names in a consent: 64.</summary>
    public const int MaxClaims = 64;

    /// <summary>Most credential types one issuer may issue: 32.</summary>
    public const int MaxIssuerTypes = 32;

    /// <summary>Longest JSON argument (issuer specifications, claim lists): 16,384 characters.</summary>
    public const int MaxJsonLength = 16_384;

    /// <summary>Longest holder JWK argument: 512 characters.</summary>
    public const int MaxJwkLength = 512;

    /// <summary>Largest transient credential or presentation: 65,536 bytes.</summary>
    public const int MaxTransientBytes = 65_536;

    /// <summary>Longest proposal life: 30 days from the proposing transaction.</summary>
    public static readonly TimeSpan MaxProposalLifetime = TimeSpan.FromDays(30);

    /// <summary>Longest consent: 366 days from the recording transaction.</summary>
    public static readonly TimeSpan MaxConsentLifetime = TimeSpan.FromDays(366);

    /// <summary>How far a holder proof's or key binding's <c>iat</c> may be from the transaction's time: 5 minutes.</summary>
    public static readonly TimeSpan MaxSignatureAge = TimeSpan.FromMinutes(5);

    /// <summary>Entries of each status list: 131,072 (so that a list never singles out a person).</summary>
    public const int StatusListCapacity = 131_072;

    /// <summary>Bits per status list entry: 2 (valid, invalid, suspended).</summary>
    public const int StatusBits = 2;

    /// <summary>Largest page of a query: 100.</summary>
    public const int MaxPageSize = 100;
}
