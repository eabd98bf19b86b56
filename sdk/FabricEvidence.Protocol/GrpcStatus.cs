using FabricEvidence.Protocol.Internal;

namespace FabricEvidence.Protocol;

/// <summary>
/// The outcome of a gRPC call: a status code, a human-readable detail, and, when the server sent one, the
/// rich <see cref="Rpc.Status"/> from the <c>grpc-status-details-bin</c> trailer (Fabric's Gateway puts one
/// <c>gateway.ErrorDetail</c> per endorsing peer there).
/// </summary>
public sealed class GrpcStatus
{
    /// <summary>The status of a successful call.</summary>
    public static GrpcStatus Ok { get; } = new(GrpcStatusCode.OK, string.Empty);

    /// <summary>Creates a status.</summary>
    /// <param name="code">The status code.</param>
    /// <param name="detail">The message; <see langword="null"/> is stored as an empty string.</param>
    /// <param name="richStatus">The rich status carried in <c>grpc-status-details-bin</c>, if any.</param>
    public GrpcStatus(GrpcStatusCode code, string? detail, Rpc.Status? richStatus = null)
    {
        Code = code;
        Detail = detail ?? string.Empty;
        RichStatus = richStatus;
    }

    /// <summary>The status code.</summary>
    public GrpcStatusCode Code { get; }

    /// <summary>The status message (<c>grpc-message</c>), decoded; empty when the server sent none.</summary>
    public string Detail { get; }

    /// <summary>The decoded <c>grpc-status-details-bin</c> trailer, or <see langword="null"/> when absent.</summary>
    public Rpc.Status? RichStatus { get; }

    /// <summary>Unpacks every detail of <see cref="RichStatus"/> that is of message type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The detail type, for example <c>Gateway.ErrorDetail</c>.</typeparam>
    public IReadOnlyList<T> GetDetails<T>() where T : Google.Protobuf.IMessage<T>, new()
    {
        if (RichStatus is null || RichStatus.Details.Count == 0)
        {
            return Array.Empty<T>();
        }

        var result = new List<T>(RichStatus.Details.Count);
        foreach (var any in RichStatus.Details)
        {
            if (any.TryUnpack<T>(out var detail))
            {
                result.Add(detail);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0
        ? $"Status(StatusCode=\"{Code}\")"
        : $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";

    internal static string CodeName(GrpcStatusCode code) => GrpcProtocol.CodeName(code);
}
