namespace FabricEvidence.Identity.Contract;

/// <summary>A status list as the ledger holds it now, for the issuer to sign as a status list token.</summary>
/// <param name="List">The list.</param>
/// <param name="Entries">The entries that are not valid, by index.</param>
/// <param name="Lst">The Token Status List <c>lst</c>: base64url of the zlib-compressed entries.</param>
[DataType(Description = "A status list with its non-valid entries and its lst encoding")]
public sealed record StatusListSnapshot(StatusListRecord List, IReadOnlyList<StatusEntry> Entries, string Lst);
