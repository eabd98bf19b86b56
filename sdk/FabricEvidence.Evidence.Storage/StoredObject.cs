namespace FabricEvidence.Evidence.Storage;

/// <summary>An object in a store, as the ledger's storage confirmation names it.</summary>
/// <param name="Key">The object's key in the store.</param>
/// <param name="Location">Where the object is: a <c>file:</c> URI for the file system, <c>s3://bucket/key</c> for S3.</param>
/// <param name="Version">The version of the object (an S3 version id, or the store's own id), so that a record names exactly these bytes.</param>
/// <param name="Length">The object's length in bytes.</param>
/// <param name="Digest">
/// The digest computed while the object was written, where the store recorded it (always after a write; from the
/// file system's metadata on reads; null from S3 on reads). A record, never a substitute for hashing the bytes again.
/// </param>
/// <param name="CreatedAt">When the object was committed, as the store reports it.</param>
public sealed record StoredObject(string Key, string Location, string Version, long Length, ContentDigest? Digest, DateTimeOffset CreatedAt);
