using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Grpc.Core;
using ProtocolErrorDetail = FabricEvidence.Protocol.Gateway.ErrorDetail;

namespace FabricEvidence.Gateway.Internal;

internal static class GatewayErrors
{
    public static GatewayException Create(CallKind kind, RpcException ex, string operation, string target, string? transactionId)
    {
        var details = Details(ex);
        var message = Message(operation, ex, target, details);
        var txId = transactionId ?? string.Empty;
        return kind switch
        {
            CallKind.Evaluate => new EvaluateException(message, ex.StatusCode, details, ex, txId),
            CallKind.Endorse => new EndorseException(message, ex.StatusCode, details, ex, txId),
            CallKind.Submit => new SubmitException(message, ex.StatusCode, details, ex, txId),
            CallKind.CommitStatus => new CommitStatusException(message, ex.StatusCode, details, ex, txId),
            _ => new GatewayException(message, ex.StatusCode, details, ex),
        };
    }

    /// <summary>The per-endpoint details the Gateway packs into <c>grpc-status-details-bin</c> as <c>gateway.ErrorDetail</c>.</summary>
    public static IReadOnlyList<EndpointError> Details(RpcException ex)
    {
        Google.Rpc.Status? status;
        try
        {
            status = ex.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A malformed trailer is reported as the plain status; it must not hide the failure itself.
            return Array.Empty<EndpointError>();
        }

        if (status is null || status.Details.Count == 0)
        {
            return Array.Empty<EndpointError>();
        }

        var result = new List<EndpointError>(status.Details.Count);
        foreach (var any in status.Details)
        {
            if (any.TryUnpack<ProtocolErrorDetail>(out var detail))
            {
                result.Add(new EndpointError(detail.Address, detail.MspId, detail.Message));
            }
        }

        return result;
    }

    private static string Message(string operation, RpcException ex, string target, IReadOnlyList<EndpointError> details)
    {
        var text = new StringBuilder(operation).Append(" failed with gRPC status ").Append(ex.StatusCode);
        var detail = ex.Status.Detail;
        if (Cause(ex) is { } cause)
        {
            // Say what happened to the connection in plain words; Grpc.Net.Client's own detail repeats it at length.
            text.Append(": ").Append(cause.Replace("{target}", target, StringComparison.Ordinal));
        }
        else if (detail.Length > 0)
        {
            text.Append(": ").Append(detail);
        }

        if (details.Count > 0)
        {
            text.Append(" [").AppendJoin("; ", details).Append(']');
        }

        return text.ToString();
    }

    /// <summary>A plain account of a connection failure, or <see langword="null"/> when the call reached the server.</summary>
    private static string? Cause(RpcException ex)
    {
        for (Exception? inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused by {target}: nothing is listening there (is the peer running, and is the address right?)";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }:
                    return "the host of {target} cannot be resolved";
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable } socket:
                    return $"{{target}} cannot be reached ({socket.SocketErrorCode})";
                case AuthenticationException authentication:
                    return "the TLS handshake with {target} failed: " + authentication.Message
                        + " (check that the channel trusts the peer's TLS CA, that the server name matches its certificate, and, if the peer requires mutual TLS, that a client certificate is configured)";
            }
        }

        return null;
    }
}
