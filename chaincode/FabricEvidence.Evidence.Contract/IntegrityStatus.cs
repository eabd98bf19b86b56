using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>The integrity attestations of an item, in short.</summary>
/// <param name="LastCheck">The latest attestation.</param>
/// <param name="FirstMismatch">The first attestation that found another digest: once set, the item stays flagged.</param>
[DataType(Description = "Latest integrity attestation and the integrity flag")]
public sealed record IntegrityStatus(IntegrityCheck LastCheck, IntegrityCheck? FirstMismatch = null);
