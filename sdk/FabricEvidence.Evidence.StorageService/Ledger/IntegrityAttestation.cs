using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>The arguments of <c>RecordIntegrityCheck</c>: the digest of the object as read now.</summary>
/// <param name="EvidenceId">The item's id.</param>
/// <param name="ComputedDigest">The digest computed now, with the item's algorithm.</param>
/// <param name="ObjectVersion">The version of the object that was read.</param>
public sealed record IntegrityAttestation(string EvidenceId, ContentDigest ComputedDigest, string ObjectVersion);
