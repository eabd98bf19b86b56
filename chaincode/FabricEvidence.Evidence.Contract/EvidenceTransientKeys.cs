namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The transient data keys of submissions. Transient data is never written to the ledger; the contract stores these
/// values in the private data collection <see cref="EvidenceContract.PrivateCollection"/> and only their SHA-256
/// hashes in the public record.
/// </summary>
public static class EvidenceTransientKeys
{
    /// <summary><c>origin</c>: an <see cref="EvidenceOrigin"/> as RFC 8785 canonical JSON. Required.</summary>
    public const string Origin = "origin";

    /// <summary><c>caseDetails</c>: a <see cref="CaseDetails"/> as RFC 8785 canonical JSON. Optional.</summary>
    public const string CaseDetails = "caseDetails";
}
