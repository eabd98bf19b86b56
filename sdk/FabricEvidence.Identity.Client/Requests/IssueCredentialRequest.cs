using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Client;

/// <summary>A credential to issue: its type, its holder's key, its claims and its validity.</summary>
public sealed class IssueCredentialRequest
{
    /// <summary>The credential type (<c>vct</c>); the issuer must be registered for it.</summary>
    public required string Vct { get; init; }

    /// <summary>The holder's public key (<c>cnf.jwk</c>); the holder proves possession of it in every presentation.</summary>
    public required HolderPublicKey HolderKey { get; init; }

    /// <summary>The claims. The ones the type lists as selectively disclosable become salted disclosures; the others stay clear.</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>End of validity (<c>exp</c>); required by the contract.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Start of validity (<c>nbf</c>); none by default (valid from issuance).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The credential id recorded on the ledger; a random UUID by default. Never derive it from the person.</summary>
    public string? CredentialId { get; init; }

    /// <summary>Decoy digests that hide how many claims the credential has; 3 by default.</summary>
    public int DecoyDigests { get; init; } = 3;
}
