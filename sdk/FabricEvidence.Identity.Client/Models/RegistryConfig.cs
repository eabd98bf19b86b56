namespace FabricEvidence.Identity.Client;

/// <summary>The registry's organisations, whose administrators approve changes by majority.</summary>
/// <param name="Organisations">The MSP ids, sorted.</param>
/// <param name="Version">1 at initialisation, then one more for each change of the organisations.</param>
/// <param name="Changed">Who initialised or last changed the set.</param>
public sealed record RegistryConfig(IReadOnlyList<string> Organisations, int Version, PartyAction Changed)
{
    /// <summary>Approvals a change needs: a strict majority of <see cref="Organisations"/>.</summary>
    public int Majority => Organisations.Count / 2 + 1;
}
