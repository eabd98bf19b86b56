using System.Text;
using FabricEvidence.Protocol;

namespace FabricEvidence.Gateway.Internal;

internal static class GatewayErrors
{
    public static GatewayException Create(CallKind kind, GrpcException ex, string operation, string? transactionId)
    {
        var details = Details(ex.Status);
        var message = Message(operation, ex.Status, details);
        var txId = transactionId ?? string.Empty;
        return kind switch
        {
            CallKind.Endorse => new EndorseException(message, ex.StatusCode, details, ex, txId),
            CallKind.Submit => new SubmitException(message, ex.StatusCode, details, ex, txId),
            CallKind.CommitStatus => new CommitStatusException(message, ex.StatusCode, details, ex, txId),
            _ => new GatewayException(message, ex.StatusCode, details, ex),
        };
    }

    public static IReadOnlyList<ErrorDetail> Details(GrpcStatus status)
    {
        var raw = status.GetDetails<Protocol.Gateway.ErrorDetail>();
        if (raw.Count == 0)
        {
            return Array.Empty<ErrorDetail>();
        }

        var result = new ErrorDetail[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            result[i] = new ErrorDetail(raw[i].Address, raw[i].MspId, raw[i].Message);
        }

        return result;
    }

    private static string Message(string operation, GrpcStatus status, IReadOnlyList<ErrorDetail> details)
    {
        var text = new StringBuilder(operation).Append(" failed with gRPC status ").Append(status.Code);
        if (status.Detail.Length > 0)
        {
            text.Append(": ").Append(status.Detail);
        }

        if (details.Count > 0)
        {
            text.Append(" [").AppendJoin("; ", details).Append(']');
        }

        return text.ToString();
    }
}
