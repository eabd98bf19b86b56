namespace FabricEvidence.Identity;

/// <summary>
/// A status value of the IETF Token Status List. Lists of 2 or more bits may hold other values; they are not named here
/// and a verifier treats them as not valid.
/// </summary>
public enum TokenStatus : byte
{
    /// <summary>0x00: the credential is valid.</summary>
    Valid = 0,

    /// <summary>0x01: the credential is revoked, permanently.</summary>
    Invalid = 1,

    /// <summary>0x02: the credential is suspended, and may become valid again.</summary>
    Suspended = 2,

    /// <summary>0x03: application-specific.</summary>
    ApplicationSpecific = 3,
}
