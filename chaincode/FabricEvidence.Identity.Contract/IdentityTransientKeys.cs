namespace FabricEvidence.Identity.Contract;

/// <summary>
/// The transient data keys. Transient data never reaches the ledger: the contract checks these values and records
/// only hashes and digests of them.
/// </summary>
public static class IdentityTransientKeys
{
    /// <summary><c>credential</c>: the SD-JWT VC as issued, with every disclosure, UTF-8 (<see cref="IdentityContract.RecordIssuance"/>).</summary>
    public const string Credential = "credential";

    /// <summary><c>presentation</c>: the presentation with its key binding JWT, UTF-8 (<see cref="IdentityContract.RecordVerification"/>).</summary>
    public const string Presentation = "presentation";
}
