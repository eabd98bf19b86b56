namespace FabricEvidence.Identity.Contract;

/// <summary>The payload of <see cref="IdentityContract.Initialize"/> and <see cref="ChangeKind.SetOrganisations"/> proposals.</summary>
/// <param name="Organisations">The MSP ids (1 to 32, distinct).</param>
[DataType(Description = "A set of organisations (MSP ids)")]
public sealed record OrganisationSet(IReadOnlyList<string> Organisations);
