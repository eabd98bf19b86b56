namespace FabricEvidence.Identity;

/// <summary>A consent whose holder signature verified; its times are as signed and still to be compared with a clock.</summary>
public sealed record HolderConsent
{
    /// <summary>The consent's identifier (<c>jti</c>).</summary>
    public required string ConsentId { get; init; }

    /// <summary>The credential it is about.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The verifier it is for (<c>aud</c>).</summary>
    public required string Verifier { get; init; }

    /// <summary>The purpose code.</summary>
    public required string Purpose { get; init; }

    /// <summary>The claim names the verifier may see, sorted ordinally, without duplicates.</summary>
    public required IReadOnlyList<string> Claims { get; init; }

    /// <summary>When the holder signed (<c>iat</c>).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the consent lapses (<c>exp</c>).</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>The RFC 7638 thumbprint of the key that signed it.</summary>
    public required string HolderKeyThumbprint { get; init; }

    /// <summary>base64url SHA-256 of the compact JWS: a reference to the signed consent that reveals nothing more.</summary>
    public required string TokenHash { get; init; }
}
