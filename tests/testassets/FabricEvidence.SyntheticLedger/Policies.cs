using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.SyntheticLedger;

/// <summary>An MSP role in a policy principal.</summary>
public enum Role
{
    Member = MSPRole.Types.MSPRoleType.Member,
    Admin = MSPRole.Types.MSPRoleType.Admin,
    Client = MSPRole.Types.MSPRoleType.Client,
    Peer = MSPRole.Types.MSPRoleType.Peer,
    Orderer = MSPRole.Types.MSPRoleType.Orderer,
}

/// <summary>Signature policies as Fabric's policy language compiles them.</summary>
public static class Policies
{
    /// <summary><c>OR('msp.role1', 'msp.role2', ...)</c> for one MSP.</summary>
    public static SignaturePolicyEnvelope AnyOf(string mspId, params Role[] roles) => OutOf(1, [.. roles.Select(r => (mspId, r))]);

    /// <summary><c>AND(...)</c> of the given principals.</summary>
    public static SignaturePolicyEnvelope AllOf(params (string MspId, Role Role)[] principals) => OutOf(principals.Length, principals);

    /// <summary><c>OutOf(n, ...)</c> of the given principals, each a SignedBy rule over its own principal.</summary>
    public static SignaturePolicyEnvelope OutOf(int n, params (string MspId, Role Role)[] principals)
    {
        var envelope = new SignaturePolicyEnvelope
        {
            Version = 0,
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = n } },
        };
        for (var i = 0; i < principals.Length; i++)
        {
            envelope.Identities.Add(Principal(principals[i].MspId, principals[i].Role));
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = i });
        }

        return envelope;
    }

    public static MSPPrincipal Principal(string mspId, Role role) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = (MSPRole.Types.MSPRoleType)role }.ToByteString(),
    };
}
