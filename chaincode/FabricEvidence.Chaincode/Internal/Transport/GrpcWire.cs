using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Grpc.Core;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>The gRPC-over-HTTP/2 conventions the runtime's server needs: header names, message framing, timeouts, compression.</summary>
internal static class GrpcWire
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string SupportedEncodings = "identity,gzip,deflate";

    /// <summary>The length-prefixed message header: one compression flag byte and a big-endian 32-bit length.</summary>
    public const int HeaderSize = 5;

    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // "application/grpc", "application/grpc+proto", "application/grpc; charset=..." are all gRPC.
        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    public static bool IsSupportedEncoding(string? encoding) =>
        encoding is null || encoding.Length == 0 || encoding is "identity" or "gzip" or "deflate";

    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        long ticksPerUnit;
        switch (value[^1])
        {
            case 'H': ticksPerUnit = TimeSpan.TicksPerHour; break;
            case 'M': ticksPerUnit = TimeSpan.TicksPerMinute; break;
            case 'S': ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case 'm': ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case 'u': ticksPerUnit = 10; break;
            case 'n': timeout = TimeSpan.FromTicks((amount + 99) / 100); return true;
            default: return false;
        }

        timeout = amount > TimeSpan.MaxValue.Ticks / ticksPerUnit ? TimeSpan.MaxValue : TimeSpan.FromTicks(amount * ticksPerUnit);
        return true;
    }

    /// <summary>Percent-encodes a status message as the gRPC spec asks: bytes outside 0x20–0x7E, and '%', become %XX of their UTF-8.</summary>
    public static string EncodeMessage(string message)
    {
        if (!message.Any(c => c < 0x20 || c > 0x7E || c == '%'))
        {
            return message;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == (byte)'%')
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(1, 4), (uint)length);
    }

    /// <summary>
    /// Decompresses one message. The output is bounded by <paramref name="maxSize"/> while it is produced, so a small
    /// compressed frame cannot expand into an unbounded allocation.
    /// </summary>
    /// <exception cref="RpcException">Unsupported encoding, too large, or corrupt.</exception>
    public static byte[] Decompress(byte[] data, string encoding, int maxSize)
    {
        using var input = new MemoryStream(data, writable: false);
        using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"Message compressed with '{encoding}', which is not supported. Supported encodings: {SupportedEncodings}.")),
        };
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = decoder.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Decompressed message exceeds the maximum size of {maxSize} bytes."));
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Could not decompress a '{encoding}' message: {ex.Message}", ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }
}
