namespace FabricEvidence.Identity.Contract;

/// <summary>A credential type (one version of a <c>vct</c>): which claims it has and which the holder may disclose one by one.</summary>
/// <param name="Vct">The type URI.</param>
/// <param name="Version">1 for the first registration, then one more for each re-registration.</param>
/// <param name="Claims">Every claim path a credential of this type may hold, sorted (top-level names and nested paths).</param>
/// <param name="SelectivelyDisclosable">The claim paths issued as disclosures, a subset of <paramref name="Claims"/>, sorted ('*' stands for every element of an array).</param>
/// <param name="Registered">The administrator who registered this version.</param>
[DataType(Description = "A credential type version: claims and selectively disclosable claims")]
public sealed record CredentialType(string Vct, int Version, IReadOnlyList<string> Claims, IReadOnlyList<string> SelectivelyDisclosable, PartyAction Registered);
