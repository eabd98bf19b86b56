namespace FabricEvidence.Identity.Contract;

/// <summary>A credential's life on the ledger; the last three are its Token Status List value.</summary>
public enum CredentialStatus
{
    /// <summary>A status entry is reserved; the issuance is not recorded yet.</summary>
    Reserved,

    /// <summary>Issued and valid (status 0x00).</summary>
    Valid,

    /// <summary>Suspended by its issuer (status 0x02); may be reinstated.</summary>
    Suspended,

    /// <summary>Revoked by its issuer (status 0x01); final.</summary>
    Revoked,
}
