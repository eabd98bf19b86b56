namespace FabricEvidence.Identity.Contract;

/// <summary>The payload of a <see cref="ChangeKind.RemoveIssuer"/> proposal.</summary>
/// <param name="IssuerId">The issuer to remove.</param>
[DataType(Description = "Names an issuer")]
public sealed record IssuerReference(string IssuerId);
