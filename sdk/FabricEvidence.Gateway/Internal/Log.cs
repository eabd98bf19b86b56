using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway.Internal;

// Messages name the step, channel, chaincode, transaction name and ID; never arguments, transient data, keys or signatures.
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation} started")]
    public static partial void Started(ILogger logger, string operation);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Operation} succeeded")]
    public static partial void Succeeded(ILogger logger, string operation);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Operation} failed with {StatusCode}: {Detail}")]
    public static partial void Failed(ILogger logger, string operation, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Operation} failed with {StatusCode}; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, StatusCode statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Operation}: stream failed with {StatusCode}; reconnecting (attempt {Attempt}) in {Delay}, resuming {Position}")]
    public static partial void Reconnecting(ILogger logger, string operation, StatusCode statusCode, int attempt, TimeSpan delay, string position);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Connected gateway as {MspId} ({Subject}) to {Address}, hash {Hash}, signer {Signer}")]
    public static partial void Connected(ILogger logger, string mspId, string subject, string address, string hash, string signer);
}
