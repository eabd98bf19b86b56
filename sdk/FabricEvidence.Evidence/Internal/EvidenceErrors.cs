using System.Text.RegularExpressions;
using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence.Internal;

/// <summary>Turns the contract's coded refusals (<c>code: message</c> inside the Gateway's error) into typed exceptions.</summary>
internal static partial class EvidenceErrors
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
        // Endorsement and evaluation failures carry the chaincode's message in the per-peer details (and, for
        // evaluations, in the status detail): "chaincode response 500, <code>: <message>".
        var candidates = exception.Details.Select(d => d.Message).Append(exception.GrpcStatus?.Detail ?? string.Empty);
        foreach (var text in candidates)
        {
            var match = Coded().Match(text);
            if (match.Success && Parse(match.Groups["code"].Value) is { } code)
            {
                var message = match.Groups["message"].Value;
                return code switch
                {
                    EvidenceErrorCode.NotFound => new EvidenceNotFoundException(message, operation, evidenceId, exception),
                    EvidenceErrorCode.Conflict => new EvidenceConflictException(message, operation, evidenceId, exception),
                    EvidenceErrorCode.Forbidden => new EvidenceForbiddenException(message, operation, evidenceId, exception),
                    EvidenceErrorCode.InvalidArgument => new EvidenceInvalidArgumentException(message, operation, evidenceId, exception),
                    _ => new EvidenceWrongStateException(message, operation, evidenceId, exception),
                };
            }
        }

        return null;
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

    [GeneratedRegex(@"chaincode response \d+, (?<code>[a-z][a-z0-9-]*): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Coded();
}
