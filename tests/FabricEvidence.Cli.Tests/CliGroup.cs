namespace FabricEvidence.Cli.Tests;

/// <summary>One harness (peer, contract, storage service) for all CLI tests: starting it costs more than the tests.</summary>
[CollectionDefinition(Name)]
public sealed class CliGroup : ICollectionFixture<CliHarness>
{
    public const string Name = "CLI";
}
