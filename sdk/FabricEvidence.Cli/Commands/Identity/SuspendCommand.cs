using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity suspend ID --reason CODE</c>: suspends a valid credential.</summary>
internal sealed class SuspendCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "suspended";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.SuspendAsync(credentialId, reason, cancellationToken);
}
