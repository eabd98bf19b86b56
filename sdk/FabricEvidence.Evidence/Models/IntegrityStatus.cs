namespace FabricEvidence.Evidence;

/// <summary>The latest integrity attestation, and the first mismatch when the item is flagged.</summary>
/// <param name="LastCheck">The latest check.</param>
/// <param name="FirstMismatch">The first mismatching check; set means the item is flagged.</param>
public sealed record IntegrityStatus(IntegrityCheck LastCheck, IntegrityCheck? FirstMismatch = null);
