namespace FabricEvidence.Identity;

/// <summary>What a holder proves control of its key for: one action on one credential, at one time.</summary>
public sealed class HolderProofRequest
{
    /// <summary>The credential's identifier. Required.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The action, e.g. <see cref="HolderProof.RevokeConsentAction"/> or <see cref="HolderProof.ListVerificationsAction"/>. Required.</summary>
    public required string Action { get; init; }

    /// <summary>What the action is about (the consent id for a revocation); empty when nothing more. Defaults to empty.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>When the holder signs (<c>iat</c>). Defaults to the clock given to <see cref="HolderProof.Sign"/>.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
