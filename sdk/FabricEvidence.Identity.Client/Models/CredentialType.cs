namespace FabricEvidence.Identity.Client;

/// <summary>A credential type version: its claims and those the holder may disclose one by one.</summary>
/// <param name="Vct">The type URI.</param>
/// <param name="Version">1 for the first registration, then one more for each re-registration.</param>
/// <param name="Claims">Every claim path a credential of this type may hold, sorted.</param>
/// <param name="SelectivelyDisclosable">The claim paths issued as disclosures, sorted ('*' for every element of an array).</param>
/// <param name="Registered">The administrator who registered this version.</param>
public sealed record CredentialType(string Vct, int Version, IReadOnlyList<string> Claims, IReadOnlyList<string> SelectivelyDisclosable, PartyAction Registered);
