using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Chaincode;

/// <summary>The role an organisation's signer must have in a <see cref="KeyEndorsementPolicy"/>.</summary>
public enum KeyEndorsementRole
{
    /// <summary>Any member of the organisation (MSP role MEMBER).</summary>
    Member,

    /// <summary>A peer of the organisation (MSP role PEER): the usual choice, since endorsements come from peers.</summary>
    Peer,
}
