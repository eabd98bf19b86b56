namespace FabricEvidence.Identity;

/// <summary>
/// A credential, presentation or status list token was refused. <see cref="Code"/> says why, in a form a program can
/// act on; the message says what was found and where, without repeating claim values.
/// </summary>
public sealed class SdJwtVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Why the input was refused.</param>
    /// <param name="message">What was found and where.</param>
    public SdJwtVerificationException(SdJwtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with the exception that revealed the problem.</summary>
    /// <param name="code">Why the input was refused.</param>
    /// <param name="message">What was found and where.</param>
    /// <param name="innerException">The underlying exception.</param>
    public SdJwtVerificationException(SdJwtErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why the input was refused.</summary>
    public SdJwtErrorCode Code { get; }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().FullName} [{Code}]: {base.ToString()}";
}
