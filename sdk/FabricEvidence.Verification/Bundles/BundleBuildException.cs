namespace FabricEvidence.Verification;

/// <summary>
/// A bundle cannot be built from what the block source returned: a transaction is not where the source said, does not
/// invoke the chaincode, no transaction writes the item's record, or the chaincode definition cannot be traced. The
/// message says what and where.
/// </summary>
public sealed class BundleBuildException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleBuildException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public BundleBuildException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public BundleBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
