using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>The storage confirmation recorded on an item.</summary>
/// <param name="ComputedDigest">The digest the storage receiver computed.</param>
/// <param name="Size">The size it found.</param>
/// <param name="ObjectLocation">Where the object is stored.</param>
/// <param name="ObjectVersion">The object's version.</param>
public sealed record LedgerStorageRecord(ContentDigest ComputedDigest, long Size, string ObjectLocation, string ObjectVersion);
