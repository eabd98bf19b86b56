namespace FabricEvidence.Evidence;

/// <summary>
/// Where and how evidence was acquired (private: it travels in transient data into the private collection; only its
/// hash is public). Courts review authenticity before upload, so capture it at the source.
/// </summary>
/// <param name="Operator">Who acquired it.</param>
/// <param name="Device">From what device or medium.</param>
/// <param name="AcquisitionTool">The acquisition tool.</param>
/// <param name="AcquisitionToolVersion">Its version.</param>
/// <param name="Place">Where.</param>
public sealed record EvidenceOrigin(string Operator, string Device, string AcquisitionTool, string AcquisitionToolVersion, string Place);
