namespace FabricEvidence.Identity.Contract;

/// <summary>
/// The machine-readable codes of <see cref="FabricEvidence.Chaincode.ChaincodeException.Code"/> this contract fails
/// with. A client sees the error message as <c>code: message</c>; the code is stable, the text is for people.
/// </summary>
public static class IdentityErrorCodes
{
    /// <summary>The registry, proposal, issuer, credential type, credential, status list or consent does not exist.</summary>
    public const string NotFound = "not-found";

    /// <summary>The id is taken, the thing was already done (an approval, a revocation, a recorded presentation), or the registry is already initialised.</summary>
    public const string Conflict = "conflict";

    /// <summary>
    /// The caller's certificate does not allow it (role, organisation, administrator, registered issuer certificate),
    /// the signer is not the registered issuer, the holder key is not the credential's, or there is no live consent.
    /// </summary>
    public const string Forbidden = "forbidden";

    /// <summary>An argument or transient input is malformed, too large, or fails a cryptographic check.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>
    /// The state does not allow it: registry not initialised, proposal not open or outdated, issuer outside its period
    /// or types, credential not issued yet or already revoked, status change that does not apply.
    /// </summary>
    public const string WrongState = "wrong-state";
}
