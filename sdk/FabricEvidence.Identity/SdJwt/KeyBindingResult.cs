namespace FabricEvidence.Identity;

/// <summary>What a verified key binding JWT said.</summary>
public sealed record KeyBindingResult
{
    /// <summary>The audience (<c>aud</c>), the verifier it was made for.</summary>
    public required string Audience { get; init; }

    /// <summary>The verifier's nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>When the holder signed it (<c>iat</c>).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>sd_hash</c>: base64url SHA-256 of the presented SD-JWT without the key binding JWT.</summary>
    public required string SdHash { get; init; }
}
