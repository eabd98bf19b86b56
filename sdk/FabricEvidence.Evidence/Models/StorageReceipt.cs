namespace FabricEvidence.Evidence;

/// <summary>The storage receiver's confirmation: the digest and size it computed itself, and where the object is.</summary>
/// <param name="ComputedDigest">The digest the receiver computed.</param>
/// <param name="Size">The size the receiver stored.</param>
/// <param name="ObjectLocation">The object's location in storage.</param>
/// <param name="ObjectVersion">The object's version (write-once).</param>
/// <param name="Matched">Whether digest and size matched the submission.</param>
/// <param name="Confirmed">The receiver's transaction.</param>
public sealed record StorageReceipt(string ComputedDigest, long Size, string ObjectLocation, string ObjectVersion, bool Matched, PartyAction Confirmed);
