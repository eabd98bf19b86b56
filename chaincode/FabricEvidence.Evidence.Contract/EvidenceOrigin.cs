using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// Where and how evidence was acquired. Personal data: it travels only as transient data
/// (<see cref="EvidenceTransientKeys.Origin"/>) into the private data collection; the public record keeps its SHA-256.
/// </summary>
/// <param name="Operator">Who acquired it.</param>
/// <param name="Device">The device it was acquired from or with.</param>
/// <param name="AcquisitionTool">The acquisition tool.</param>
/// <param name="AcquisitionToolVersion">The tool's version.</param>
/// <param name="Place">Where it was acquired.</param>
/// <param name="Salt">At least 22 random base64url or hex characters, so that the public hash cannot be confirmed by guessing the other fields.</param>
[DataType(Description = "Origin of an evidence item (private)")]
public sealed record EvidenceOrigin(string Operator, string Device, string AcquisitionTool, string AcquisitionToolVersion, string Place, string Salt);
