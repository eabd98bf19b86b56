namespace FabricEvidence.Verification;

/// <summary>A chaincode definition committed through <c>_lifecycle</c>, as the verifier read it from the bundle.</summary>
public sealed class VerifiedChaincodeDefinition
{
    internal VerifiedChaincodeDefinition()
    {
    }

    /// <summary>The chaincode name.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>The definition's sequence number.</summary>
    public long Sequence { get; internal init; }

    /// <summary>The definition's version label.</summary>
    public string Version { get; internal init; } = string.Empty;

    /// <summary>The endorsement policy, e.g. <c>AND('Org1MSP.peer','Org2MSP.peer')</c> or <c>channel policy /Channel/Application/Endorsement</c>.</summary>
    public string EndorsementPolicy { get; internal init; } = string.Empty;

    /// <summary>The <c>_lifecycle</c> transaction that committed this sequence.</summary>
    public VerifiedTransaction? CommitTransaction { get; internal init; }
}
