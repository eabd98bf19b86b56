namespace FabricEvidence.Identity.Client;

/// <summary>Why the identity contract refused a call: its stable error codes.</summary>
public enum IdentityErrorCode
{
    /// <summary><c>not-found</c>: the registry, proposal, issuer, credential type, credential, status list or consent does not exist.</summary>
    NotFound,

    /// <summary><c>conflict</c>: the id is taken or the step was already done (an approval, an issuance, a revocation, a recorded nonce).</summary>
    Conflict,

    /// <summary><c>forbidden</c>: the caller's role, organisation or certificate may not do this, or there is no live consent.</summary>
    Forbidden,

    /// <summary><c>invalid-argument</c>: malformed or oversized input, or a credential or presentation that fails a cryptographic or content check.</summary>
    InvalidArgument,

    /// <summary><c>wrong-state</c>: the registry, proposal, issuer or credential is not in a state that allows it.</summary>
    WrongState,
}
