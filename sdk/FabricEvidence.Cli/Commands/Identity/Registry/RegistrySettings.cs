namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>The options of the registry administrators' commands: they sign as the organisation's administrator unless told otherwise.</summary>
internal class RegistrySettings : ConnectionSettings
{
    // The contract accepts registry changes only from certificates with OU admin, which network.sh names 'admin'.
    internal override string DefaultUser => "admin";
}
