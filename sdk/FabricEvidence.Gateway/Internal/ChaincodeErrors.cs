using System.Globalization;
using System.Text.RegularExpressions;

namespace FabricEvidence.Gateway.Internal;

/// <summary>Finds the chaincode's own error in the texts a failed Gateway call carries.</summary>
internal static partial class ChaincodeErrors
{
    public static ChaincodeError? Find(GatewayException exception)
    {
        // Peers wrap the chaincode's response as "chaincode response <status>, <message>" in each endpoint's detail
        // (endorsement) or in the status detail (evaluation); the first that has one is the chaincode's answer.
        foreach (var text in exception.Details.Select(d => d.Message).Append(exception.GrpcStatus?.Detail ?? string.Empty))
        {
            var response = Response().Match(text);
            if (!response.Success)
            {
                continue;
            }

            var status = int.Parse(response.Groups["status"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            var message = response.Groups["message"].Value;
            var coded = Coded().Match(message);
            return coded.Success
                ? new ChaincodeError(status, coded.Groups["message"].Value, coded.Groups["code"].Value)
                : new ChaincodeError(status, message, null);
        }

        return null;
    }

    [GeneratedRegex(@"chaincode response (?<status>\d{1,9}), (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Response();

    [GeneratedRegex(@"^(?<code>[a-z][a-z0-9-]*): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Coded();
}
