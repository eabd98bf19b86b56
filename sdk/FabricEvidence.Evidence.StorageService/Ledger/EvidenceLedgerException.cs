namespace FabricEvidence.Evidence.StorageService;

/// <summary>The ledger refused a call or could not be reached.</summary>
public sealed class EvidenceLedgerException : Exception
{
    /// <summary>The code for a ledger that could not be reached or did not answer.</summary>
    public const string UnavailableCode = "unavailable";

    /// <summary>Creates the exception.</summary>
    /// <param name="code">The contract's error code (<c>not-found</c>, <c>conflict</c>, <c>forbidden</c>, <c>invalid-argument</c>, <c>wrong-state</c>) or <see cref="UnavailableCode"/>.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public EvidenceLedgerException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The contract's error code, or <see cref="UnavailableCode"/>.</summary>
    public string Code { get; }
}
