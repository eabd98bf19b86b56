namespace FabricEvidence.Identity.Contract;

/// <summary>
/// The payload of every chaincode event of the contract: the same envelope for all types, plus the members the type
/// names in <see cref="IdentityEventTypes"/> (absent members are omitted from the JSON). No personal data.
/// </summary>
/// <param name="Type">The event type, equal to the chaincode event name.</param>
/// <param name="By">Who caused it, in which transaction and when.</param>
[DataType(Description = "The payload of every identity attestation event")]
public sealed record IdentityEvent(string Type, PartyAction By)
{
    /// <summary>The organisations (initialisation, organisation changes).</summary>
    public IReadOnlyList<string>? Organisations { get; init; }

    /// <summary>The proposal (proposal events).</summary>
    public string? ProposalId { get; init; }

    /// <summary>The proposal's kind (proposal events).</summary>
    public ChangeKind? Kind { get; init; }

    /// <summary>Approvals so far (proposal events).</summary>
    public int? Approvals { get; init; }

    /// <summary>Approvals needed (proposal events).</summary>
    public int? Required { get; init; }

    /// <summary>The issuer concerned.</summary>
    public string? IssuerId { get; init; }

    /// <summary>The credential type.</summary>
    public string? Vct { get; init; }

    /// <summary>The credential type's version.</summary>
    public int? TypeVersion { get; init; }

    /// <summary>The credential.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The credential's status list.</summary>
    public string? StatusListUri { get; init; }

    /// <summary>The credential's status entry.</summary>
    public int? StatusIndex { get; init; }

    /// <summary>The credential's status after the transaction.</summary>
    public CredentialStatus? Status { get; init; }

    /// <summary>The status change's reason code.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>The consent.</summary>
    public string? ConsentId { get; init; }

    /// <summary>The verifying organisation (consent and verification events).</summary>
    public string? Verifier { get; init; }

    /// <summary>The purpose code.</summary>
    public string? Purpose { get; init; }

    /// <summary>Claim paths (names only).</summary>
    public IReadOnlyList<string>? Claims { get; init; }

    /// <summary>The verification's result, one of <see cref="VerificationResults"/>.</summary>
    public string? Result { get; init; }
}
