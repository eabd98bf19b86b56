namespace FabricEvidence.Identity.Client;

/// <summary>Why a verifier rejected a presentation before recording it.</summary>
public enum PresentationRejectionReason
{
    /// <summary>
    /// The SD-JWT itself failed: structure, issuer signature, certificate chain to a trusted organisation CA,
    /// disclosures, key binding (nonce, audience, <c>sd_hash</c>, age) or validity period;
    /// <see cref="PresentationRejectedException.SdJwtCode"/> says which.
    /// </summary>
    Credential,

    /// <summary>The issuer is not in the registry, was removed, may not issue this type, or signed with another certificate or outside its organisation's CA.</summary>
    IssuerNotRegistered,

    /// <summary>The ledger has no issuance of this credential, or records another holder key for it.</summary>
    CredentialNotRecorded,
}
