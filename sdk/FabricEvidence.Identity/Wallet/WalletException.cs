namespace FabricEvidence.Identity;

/// <summary>A wallet file could not be opened; <see cref="Code"/> says why.</summary>
public sealed class WalletException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Why the wallet could not be opened.</param>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public WalletException(WalletErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why the wallet could not be opened.</summary>
    public WalletErrorCode Code { get; }
}
