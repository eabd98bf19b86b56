namespace FabricEvidence.Identity.Client;

/// <summary>A status list as the ledger holds it now.</summary>
/// <param name="List">The list.</param>
/// <param name="Entries">The entries that are not valid.</param>
/// <param name="Lst">The Token Status List <c>lst</c>: base64url of the zlib-compressed entries.</param>
public sealed record StatusListSnapshot(StatusListRecord List, IReadOnlyList<StatusEntry> Entries, string Lst);
