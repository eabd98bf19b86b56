using FabricEvidence.Gateway;

namespace FabricEvidence.Identity.Client.Internal;

/// <summary>Turns the contract's coded refusals (<c>code: message</c> inside the Gateway's error) into typed exceptions.</summary>
internal static class IdentityErrors
{
    private static readonly (IdentityErrorCode Code, string Text)[] Codes =
    [
        (IdentityErrorCode.NotFound, "not-found"),
        (IdentityErrorCode.Conflict, "conflict"),
        (IdentityErrorCode.Forbidden, "forbidden"),
        (IdentityErrorCode.InvalidArgument, "invalid-argument"),
        (IdentityErrorCode.WrongState, "wrong-state"),
    ];

    public static string CodeText(IdentityErrorCode code) => Codes.First(c => c.Code == code).Text;

    /// <summary>The typed exception for a Gateway failure that carries the contract's refusal, or <see langword="null"/>.</summary>
    public static IdentityException? From(GatewayException exception, string operation, string? subject)
    {
        if (exception.ChaincodeError is not { Code: { } text } error
            || Codes.Where(c => c.Text == text).Select(c => (IdentityErrorCode?)c.Code).FirstOrDefault() is not { } code)
        {
            return null;
        }

        return code switch
        {
            IdentityErrorCode.NotFound => new IdentityNotFoundException(error.Message, operation, subject, exception),
            IdentityErrorCode.Conflict => new IdentityConflictException(error.Message, operation, subject, exception),
            IdentityErrorCode.Forbidden => new IdentityForbiddenException(error.Message, operation, subject, exception),
            IdentityErrorCode.InvalidArgument => new IdentityInvalidArgumentException(error.Message, operation, subject, exception),
            _ => new IdentityWrongStateException(error.Message, operation, subject, exception),
        };
    }
}
