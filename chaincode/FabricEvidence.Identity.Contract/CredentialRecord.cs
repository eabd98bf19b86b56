namespace FabricEvidence.Identity.Contract;

/// <summary>A credential's issuance record.</summary>
/// <param name="Id">The credential id the issuer chose (random; never derived from the person).</param>
/// <param name="Vct">Its type.</param>
/// <param name="TypeVersion">The type version in force when the status entry was reserved.</param>
/// <param name="IssuerId">Its issuer.</param>
/// <param name="StatusListUri">The status list (<c>status.status_list.uri</c>).</param>
/// <param name="StatusIndex">Its entry (<c>status.status_list.idx</c>).</param>
/// <param name="Status">Its status.</param>
/// <param name="Reserved">The issuer's reservation transaction.</param>
[DataType(Description = "A credential's issuance record: type, issuer, status entry, and hashes once issued")]
public sealed record CredentialRecord(string Id, string Vct, int TypeVersion, string IssuerId, string StatusListUri, int StatusIndex, CredentialStatus Status, PartyAction Reserved)
{
    /// <summary>The issuance, once recorded.</summary>
    public IssuanceDetails? Issuance { get; init; }

    /// <summary>The last status change, if any.</summary>
    public StatusChange? LastStatusChange { get; init; }
}
