using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>The registry's organisations, whose administrators approve changes by majority.</summary>
/// <param name="Organisations">The MSP ids, sorted ordinally.</param>
/// <param name="Version">1 at initialisation, incremented by each change of the organisations (open proposals made under an older version lapse).</param>
/// <param name="Changed">Who initialised or last changed the set.</param>
[DataType(Description = "The registry's organisations and version")]
public sealed record RegistryConfig(IReadOnlyList<string> Organisations, int Version, PartyAction Changed)
{
    /// <summary>Approvals a change needs: a strict majority of <see cref="Organisations"/>.</summary>
    public int Majority => Organisations.Count / 2 + 1;
}
