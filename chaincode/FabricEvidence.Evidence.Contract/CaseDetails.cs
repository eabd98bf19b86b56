using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// Sensitive case details of an item. Personal data: transient data only (<see cref="EvidenceTransientKeys.CaseDetails"/>)
/// into the private data collection; the public record keeps its SHA-256.
/// </summary>
/// <param name="Text">The details; line breaks and tabs are allowed.</param>
/// <param name="Salt">At least 22 random base64url or hex characters, so that the public hash cannot be confirmed by guessing the text.</param>
[DataType(Description = "Sensitive case details of an evidence item (private)")]
public sealed record CaseDetails(string Text, string Salt);
