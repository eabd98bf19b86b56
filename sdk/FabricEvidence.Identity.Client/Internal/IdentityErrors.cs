using System.Text.RegularExpressions;
using FabricEvidence.Gateway;

namespace FabricEvidence.Identity.Client.Internal;

/// <summary>Turns the contract's coded refusals (<c>code: message</c> inside the Gateway's error) into typed exceptions.</summary>
internal static partial class IdentityErrors
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
        // Endorsement and evaluation failures carry the chaincode's message in the per-peer details (and, for
        // evaluations, in the status detail): "chaincode response 500, <code>: <message>".
        foreach (var text in exception.Details.Select(d => d.Message).Append(exception.GrpcStatus?.Detail ?? string.Empty))
        {
            var match = Coded().Match(text);
            if (!match.Success)
            {
                continue;
            }

            var known = Codes.Where(c => c.Text == match.Groups["code"].Value).Select(c => (IdentityErrorCode?)c.Code).FirstOrDefault();
            if (known is not { } code)
            {
                continue;
            }

            var message = match.Groups["message"].Value;
            return code switch
            {
                IdentityErrorCode.NotFound => new IdentityNotFoundException(message, operation, subject, exception),
                IdentityErrorCode.Conflict => new IdentityConflictException(message, operation, subject, exception),
                IdentityErrorCode.Forbidden => new IdentityForbiddenException(message, operation, subject, exception),
                IdentityErrorCode.InvalidArgument => new IdentityInvalidArgumentException(message, operation, subject, exception),
                _ => new IdentityWrongStateException(message, operation, subject, exception),
            };
        }

        return null;
    }

    [GeneratedRegex(@"chaincode response \d+, (?<code>[a-z][a-z0-9-]*): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Coded();
}
