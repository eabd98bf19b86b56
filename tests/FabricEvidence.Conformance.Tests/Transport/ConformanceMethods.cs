using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Conformance.Tests.Transport.Messages;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Gateway;
using Google.Protobuf;

namespace FabricEvidence.Conformance.Tests.Transport;

/// <summary>The methods of conformance.proto and the values both sides of the scenarios agree on.</summary>
internal static class ConformanceMethods
{
    public static readonly GrpcMethod<Request, Response> Unary = GrpcMethod.Unary<Request, Response>("/conformance.Conformance/Unary");
    public static readonly GrpcMethod<Request, Response> ServerStream = GrpcMethod.ServerStreaming<Request, Response>("/conformance.Conformance/ServerStream");
    public static readonly GrpcMethod<Request, Response> Bidi = GrpcMethod.DuplexStreaming<Request, Response>("/conformance.Conformance/Bidi");
    public static readonly GrpcMethod<ObserveRequest, ObserveResponse> Observe = GrpcMethod.Unary<ObserveRequest, ObserveResponse>("/conformance.Conformance/Observe");

    // The raw-bytes echo of server.js's gzip responder (messages are passed through, not parsed).
    public static readonly GrpcMethod<byte[], byte[]> CompressedUnary = new(GrpcMethodType.Unary, "/conformance.Compressed/Unary", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);
    public static readonly GrpcMethod<byte[], byte[]> CompressedServerStream = new(GrpcMethodType.ServerStreaming, "/conformance.Compressed/ServerStream", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);
    public static readonly GrpcMethod<byte[], byte[]> CompressedBidi = new(GrpcMethodType.DuplexStreaming, "/conformance.Compressed/Bidi", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);

    /// <summary>The status every "error" scenario ends with; the same values are in client.js.</summary>
    public const GrpcStatusCode ErrorCode = GrpcStatusCode.FailedPrecondition;

    /// <summary>Non-ASCII and '%' exercise grpc-message percent-encoding.</summary>
    public const string ErrorMessage = "asset \"Beweisstück-42\" not found: 100% sure";

    public const string ErrorDetailTypeUrl = "type.googleapis.com/gateway.ErrorDetail";

    /// <summary>The metadata keys of the "metadata" action (gRPC's own interop tests use the same).</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public const int LargeRequestSize = 50 * 1024 * 1024;
    public const int LargeResponseSize = (50 * 1024 * 1024) + 17;

    /// <summary>The two details the "error" action attaches (shared.js errorDetailsFor).</summary>
    public static ErrorDetail[] ErrorDetailsFor(string message) =>
    [
        new ErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = message },
        new ErrorDetail { Address = "peer1.org2.example.com:9051", MspId = "Org2MSP", Message = "second endorser: " + message },
    ];

    /// <summary>Byte i is (i * 31 + 7) mod 251, as in shared.js.</summary>
    public static byte[] Pattern(int length, int offset = 0)
    {
        var bytes = new byte[length];
        var value = (int)((((long)offset * 31) + 7) % 251);
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)value;
            value += 31;
            if (value >= 251)
            {
                value -= 251;
            }
        }

        return bytes;
    }

    /// <summary>Text gzip shrinks to a few percent of its size.</summary>
    public static byte[] Compressible(int length)
    {
        const string Line = "evidence item 0001; chain of custody intact. ";
        var text = new StringBuilder(length + Line.Length);
        while (text.Length < length)
        {
            text.Append(Line);
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256(ByteString data) => Sha256(data.Span);

    public static string NewToken(string scenario) => $"{scenario}-{Guid.NewGuid():N}";
}
