namespace FabricEvidence.Verification;

/// <summary>An evidence file the court holds, to be checked against the digest recorded for an item of the bundle.</summary>
/// <param name="ItemId">The item the file is said to be.</param>
/// <param name="Content">The file's content, read from its current position to its end (not disposed by the verifier).</param>
public sealed record EvidenceFile(string ItemId, Stream Content);
