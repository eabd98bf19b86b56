namespace FabricEvidence.Identity;

/// <summary>Why a wallet could not be opened. Stable numeric values.</summary>
public enum WalletErrorCode
{
    /// <summary>The data is not a wallet file (not the envelope JSON, or a field is missing or mis-encoded).</summary>
    Malformed = 1,

    /// <summary>A wallet file of a format version or algorithm this library does not know.</summary>
    UnsupportedFormat = 2,

    /// <summary>The passphrase is wrong or the file was altered: AES-GCM authentication failed (the two cannot be told apart).</summary>
    WrongPassphraseOrTampered = 3,
}
