using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity revoke ID --reason CODE</c>: revokes a credential for good.</summary>
internal sealed class RevokeCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "revoked";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.RevokeAsync(credentialId, reason, cancellationToken);
}
