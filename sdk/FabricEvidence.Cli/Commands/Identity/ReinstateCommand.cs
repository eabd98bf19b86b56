using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity reinstate ID --reason CODE</c>: reinstates a suspended credential.</summary>
internal sealed class ReinstateCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "reinstated";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.ReinstateAsync(credentialId, reason, cancellationToken);
}
