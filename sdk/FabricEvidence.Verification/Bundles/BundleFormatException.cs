namespace FabricEvidence.Verification;

/// <summary>
/// A bundle could not be read: not a zip file, no manifest, a manifest that is not what the format prescribes, an
/// entry too large, or a duplicate entry. The message says what and where. <see cref="BundleVerifier"/> reports this
/// as a failed check instead of throwing it.
/// </summary>
public sealed class BundleFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BundleFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public BundleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public BundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
