using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence.Internal;

/// <summary>Turns the contract's coded refusals (<c>code: message</c> inside the Gateway's error) into typed exceptions.</summary>
internal static class EvidenceErrors
{
    public static string CodeText(EvidenceErrorCode code) => code switch
    {
        EvidenceErrorCode.NotFound => "not-found",
        EvidenceErrorCode.Conflict => "conflict",
        EvidenceErrorCode.Forbidden => "forbidden",
        EvidenceErrorCode.InvalidArgument => "invalid-argument",
        _ => "wrong-state",
    };

    /// <summary>The typed exception for a Gateway failure that carries the contract's refusal, or <see langword="null"/>.</summary>
    public static EvidenceException? From(GatewayException exception, string operation, string? evidenceId)
    {
        if (exception.ChaincodeError is not { Code: { } text } error || Parse(text) is not { } code)
        {
            return null;
        }

        return code switch
        {
            EvidenceErrorCode.NotFound => new EvidenceNotFoundException(error.Message, operation, evidenceId, exception),
            EvidenceErrorCode.Conflict => new EvidenceConflictException(error.Message, operation, evidenceId, exception),
            EvidenceErrorCode.Forbidden => new EvidenceForbiddenException(error.Message, operation, evidenceId, exception),
            EvidenceErrorCode.InvalidArgument => new EvidenceInvalidArgumentException(error.Message, operation, evidenceId, exception),
            _ => new EvidenceWrongStateException(error.Message, operation, evidenceId, exception),
        };
    }

    private static EvidenceErrorCode? Parse(string code) => code switch
    {
        "not-found" => EvidenceErrorCode.NotFound,
        "conflict" => EvidenceErrorCode.Conflict,
        "forbidden" => EvidenceErrorCode.Forbidden,
        "invalid-argument" => EvidenceErrorCode.InvalidArgument,
        "wrong-state" => EvidenceErrorCode.WrongState,
        _ => null,
    };
}
