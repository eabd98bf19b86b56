namespace FabricEvidence.Chaincode;

/// <summary>The response of a chaincode invocation: a status (200 OK, 400+ error), a message and a payload.</summary>
/// <param name="Status">The status; values of 400 and above mean failure and the peer will not endorse.</param>
/// <param name="Message">The message, used for errors.</param>
/// <param name="Payload">The payload returned to the client.</param>
public sealed record ChaincodeResponse(int Status, string Message, byte[] Payload)
{
    /// <summary>Status 200.</summary>
    public const int Ok = 200;

    /// <summary>Statuses at and above this are errors.</summary>
    public const int ErrorThreshold = 400;

    /// <summary>Status 500.</summary>
    public const int Error = 500;

    /// <summary>A successful response with <paramref name="payload"/>.</summary>
    public static ChaincodeResponse Success(byte[]? payload = null) => new(Ok, string.Empty, payload ?? Array.Empty<byte>());

    /// <summary>An error response (status 500) with <paramref name="message"/> and an optional payload.</summary>
    public static ChaincodeResponse Failure(string message, byte[]? payload = null) => new(Error, message, payload ?? Array.Empty<byte>());

    /// <summary>Whether the status is below <see cref="ErrorThreshold"/>.</summary>
    public bool IsSuccess => Status < ErrorThreshold;
}
