namespace FabricEvidence.Identity.Client;

/// <summary>A status list token signed by the issuer from the ledger's bits, to publish at <see cref="Uri"/>.</summary>
/// <param name="Uri">Where to publish it (its <c>sub</c>).</param>
/// <param name="Token">The signed JWT (<c>statuslist+jwt</c>).</param>
/// <param name="Snapshot">The ledger's list it was built from.</param>
public sealed record StatusListToken(string Uri, string Token, StatusListSnapshot Snapshot);
