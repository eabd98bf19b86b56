using System.Text.Json.Nodes;

namespace FabricEvidence.Identity;

/// <summary>What an issuer puts into one SD-JWT VC.</summary>
public sealed class CredentialRequest
{
    /// <summary>The credential type (<c>vct</c>), e.g. <c>urn:fabric-evidence:residence:1</c>. Required.</summary>
    public required string Vct { get; init; }

    /// <summary>The issuer identifier (<c>iss</c>), a URI naming the issuer in the trust registry. Required.</summary>
    public required string Issuer { get; init; }

    /// <summary>The holder's public key, placed in <c>cnf.jwk</c> so that presentations need key binding. Required.</summary>
    public required HolderPublicKey HolderKey { get; init; }

    /// <summary>
    /// The claims about the holder (copied). Must not use the names the issuer sets itself (<c>iss</c>, <c>iat</c>,
    /// <c>nbf</c>, <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>status</c>) or SD-JWT's reserved <c>_sd</c>, <c>_sd_alg</c>, <c>...</c>.
    /// </summary>
    public required JsonObject Claims { get; init; }

    /// <summary>
    /// Paths of the claims the holder may disclose one by one: a top-level name (<c>age_over_18</c>), a nested one
    /// (<c>address/locality</c>), an array element by position (<c>nationalities/0</c>) or every element (<c>nationalities/*</c>).
    /// A path and a path below it may both be listed (recursive disclosure). Claims not listed are always visible.
    /// Defaults to none.
    /// </summary>
    public IReadOnlyCollection<string> SelectivelyDisclosable { get; init; } = [];

    /// <summary>The issuance time (<c>iat</c>). Defaults to the issuer's clock.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The start of validity (<c>nbf</c>). Defaults to none.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The end of validity (<c>exp</c>). Defaults to none.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The status list entry (<c>status.status_list</c>). Defaults to none.</summary>
    public StatusReference? Status { get; init; }

    /// <summary>
    /// How many decoy digests to add to the top-level <c>_sd</c> (RFC 9901 section 4.2.5), so that the number of
    /// selectively disclosable claims does not show. Defaults to 0; at most 64.
    /// </summary>
    public int DecoyDigests { get; init; }
}
