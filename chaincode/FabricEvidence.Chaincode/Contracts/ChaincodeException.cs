namespace FabricEvidence.Chaincode;

/// <summary>
/// Thrown by a contract to fail a transaction with an error response (status 500) that carries its message and,
/// optionally, a payload the client can read (for example a machine-readable error code).
/// </summary>
/// <remarks>
/// Any other exception also fails the transaction with its message; use this type when the message is meant for the
/// client or when a payload is needed. The peer does not endorse a failed transaction, so nothing it wrote is kept.
/// </remarks>
public class ChaincodeException : Exception
{
    private readonly string? _code;

    /// <summary>Creates an exception with a generic message.</summary>
    public ChaincodeException()
        : this("The transaction failed.")
    {
    }

    /// <summary>Creates an exception whose message becomes the error response's message.</summary>
    /// <param name="message">The message returned to the client.</param>
    public ChaincodeException(string message)
        : base(message)
    {
        Payload = ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Creates an exception that wraps another.</summary>
    /// <param name="message">The message returned to the client.</param>
    /// <param name="innerException">The cause, kept for logging; it is not sent to the client.</param>
    public ChaincodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Payload = ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Creates an exception whose error response carries a payload as well as the message.</summary>
    /// <param name="message">The message returned to the client.</param>
    /// <param name="payload">The payload returned to the client.</param>
    public ChaincodeException(string message, ReadOnlyMemory<byte> payload)
        : base(message)
    {
        Payload = payload.ToArray();
    }

    /// <summary>The payload of the error response; empty when none was given.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// A stable, machine-readable code for the failure (for example <c>not-found</c> or <c>forbidden</c>), or
    /// <see langword="null"/> for none. With a code, the error response's message is <c>code: message</c>, which is
    /// what clients see in the Gateway's endorsement or evaluation error and can match on; the message text itself may
    /// change between versions, the code must not. Codes are lowercase ASCII letters, digits and hyphens, starting with
    /// a letter.
    /// </summary>
    /// <exception cref="ArgumentException">The code is empty or not of that form.</exception>
    public string? Code
    {
        get => _code;
        init
        {
            if (value is not null && !IsValidCode(value))
            {
                throw new ArgumentException($"The error code '{value}' must be lowercase ASCII letters, digits and hyphens, starting with a letter.", nameof(value));
            }

            _code = value;
        }
    }

    /// <summary>The message the client receives: <see cref="Exception.Message"/>, prefixed with <see cref="Code"/> and a colon when there is a code.</summary>
    public string ResponseMessage => _code is null ? Message : _code + ": " + Message;

    private static bool IsValidCode(string code) =>
        code.Length > 0 && char.IsAsciiLetterLower(code[0]) && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
