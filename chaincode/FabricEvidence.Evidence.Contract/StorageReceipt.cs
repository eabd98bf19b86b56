using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>The storage receiver's own account of the object it stores: the second party's confirmation.</summary>
/// <param name="ComputedDigest">The digest the storage receiver computed, with the item's algorithm.</param>
/// <param name="Size">The size in bytes the storage receiver found.</param>
/// <param name="ObjectLocation">Where the object is stored, for example an S3 URI or a path in the storage service.</param>
/// <param name="ObjectVersion">The version of the stored object (an S3 version id, for example).</param>
/// <param name="Matched">Whether digest and size equal the submitted ones (the item became <see cref="EvidenceState.Stored"/>, else <see cref="EvidenceState.Rejected"/>).</param>
/// <param name="Confirmed">The storage receiver and its transaction.</param>
[DataType(Description = "The storage receiver's confirmation")]
public sealed record StorageReceipt(string ComputedDigest, long Size, string ObjectLocation, string ObjectVersion, bool Matched, PartyAction Confirmed);
