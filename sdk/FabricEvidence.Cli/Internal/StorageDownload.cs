namespace FabricEvidence.Cli.Internal;

/// <summary>A finished download: what the tool computed and what the service said it sent.</summary>
internal sealed record StorageDownload(string ComputedDigest, long Length, string? ServedDigest, string? ObjectVersion);
