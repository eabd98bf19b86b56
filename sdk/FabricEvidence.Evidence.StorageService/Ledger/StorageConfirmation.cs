using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>The arguments of <c>ConfirmStorage</c>: what the service stored and computed itself.</summary>
/// <param name="EvidenceId">The item's id.</param>
/// <param name="ComputedDigest">The digest computed while writing, with the item's algorithm.</param>
/// <param name="Size">The bytes stored.</param>
/// <param name="ObjectLocation">Where the object is.</param>
/// <param name="ObjectVersion">The object's version.</param>
public sealed record StorageConfirmation(string EvidenceId, ContentDigest ComputedDigest, long Size, string ObjectLocation, string ObjectVersion);
