namespace FabricEvidence.Identity.Client;

/// <summary>A credential's issuance record on the ledger.</summary>
/// <param name="Id">The credential id.</param>
/// <param name="Vct">Its type.</param>
/// <param name="TypeVersion">The type version in force when its status entry was reserved.</param>
/// <param name="IssuerId">Its issuer.</param>
/// <param name="StatusListUri">Its status list.</param>
/// <param name="StatusIndex">Its entry in the list.</param>
/// <param name="Status">Its status.</param>
/// <param name="Reserved">The issuer's reservation transaction.</param>
public sealed record CredentialRecord(string Id, string Vct, int TypeVersion, string IssuerId, string StatusListUri, int StatusIndex, CredentialStatus Status, PartyAction Reserved)
{
    /// <summary>The issuance, once recorded.</summary>
    public IssuanceDetails? Issuance { get; init; }

    /// <summary>The last status change, if any.</summary>
    public StatusChange? LastStatusChange { get; init; }
}
