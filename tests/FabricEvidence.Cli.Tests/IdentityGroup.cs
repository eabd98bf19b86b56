namespace FabricEvidence.Cli.Tests;

/// <summary>One identity harness (peer, identity contract, registry set up) for the identity command tests.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityGroup : ICollectionFixture<IdentityHarness>
{
    public const string Name = "CLI identity";
}
