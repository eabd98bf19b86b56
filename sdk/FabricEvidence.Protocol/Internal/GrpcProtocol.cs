using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace FabricEvidence.Protocol.Internal;

/// <summary>The gRPC-over-HTTP/2 conventions shared by the client and the server side of the transport.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string SupportedEncodings = "identity,gzip,deflate";
    public const int HeaderSize = 5;

    /// <summary>Fabric's peers and orderers accept messages up to 100 MiB; so do we by default.</summary>
    public const int DefaultMaxMessageSize = 100 * 1024 * 1024;

    private static readonly string[] CodeNames = Enum.GetNames<GrpcStatusCode>();

    public static string CodeName(GrpcStatusCode code) =>
        (uint)code < CodeNames.Length ? CodeNames[(int)code] : ((int)code).ToString(CultureInfo.InvariantCulture);

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

    /// <summary>Formats a timeout as grpc-timeout: at most eight digits and a unit, rounded up so it never shortens.</summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        // 1 tick = 100 ns. Choose the finest unit whose value fits in 8 digits.
        var nanos = ticks * 100;
        if (nanos < 100_000_000)
        {
            return nanos.ToString(CultureInfo.InvariantCulture) + "n";
        }

        var micros = CeilDiv(ticks, 10);
        if (micros < 100_000_000)
        {
            return micros.ToString(CultureInfo.InvariantCulture) + "u";
        }

        var millis = CeilDiv(ticks, TimeSpan.TicksPerMillisecond);
        if (millis < 100_000_000)
        {
            return millis.ToString(CultureInfo.InvariantCulture) + "m";
        }

        var seconds = CeilDiv(ticks, TimeSpan.TicksPerSecond);
        if (seconds < 100_000_000)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }

        var minutes = CeilDiv(ticks, TimeSpan.TicksPerMinute);
        if (minutes < 100_000_000)
        {
            return minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return Math.Min(CeilDiv(ticks, TimeSpan.TicksPerHour), 99_999_999).ToString(CultureInfo.InvariantCulture) + "H";
    }

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
            case 'n': timeout = TimeSpan.FromTicks(CeilDiv(amount, 100)); return true;
            default: return false;
        }

        timeout = amount > TimeSpan.MaxValue.Ticks / ticksPerUnit ? TimeSpan.MaxValue : TimeSpan.FromTicks(amount * ticksPerUnit);
        return true;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    /// <summary>Percent-encodes a status message as the gRPC spec asks: bytes outside 0x20–0x7E, and '%', become %XX of their UTF-8.</summary>
    public static string EncodeMessage(string message)
    {
        var needs = false;
        foreach (var c in message)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
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

    /// <summary>Reverses <see cref="EncodeMessage"/>; malformed escapes are kept as they are, as the spec asks.</summary>
    public static string DecodeMessage(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return value ?? string.Empty;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length &&
                byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Base64 decoding that accepts the unpadded form gRPC implementations send in -bin headers.</summary>
    public static byte[] DecodeBinaryHeader(string value)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException("Invalid base64 length in binary metadata.");
        }

        return Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
    }

    /// <summary>
    /// The values of one binary (-bin) header field. A field may carry several values joined with commas: HttpClient
    /// joins repeated headers that way, and gRPC allows it because base64 has no commas. Decodes all or throws.
    /// </summary>
    public static List<byte[]> DecodeBinaryHeaderValues(string value)
    {
        var parts = value.Split(',');
        var result = new List<byte[]>(parts.Length);
        foreach (var part in parts)
        {
            result.Add(DecodeBinaryHeader(part));
        }

        return result;
    }

    public static string EncodeBinaryHeader(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>The gRPC status implied by an HTTP status when a response carries no grpc-status (gRPC's HTTP-to-gRPC mapping).</summary>
    public static GrpcStatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 => GrpcStatusCode.Internal,
        401 => GrpcStatusCode.Unauthenticated,
        403 => GrpcStatusCode.PermissionDenied,
        404 => GrpcStatusCode.Unimplemented,
        429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    /// <summary>The status an HTTP/2 RST_STREAM error code maps to (gRPC's PROTOCOL-HTTP2 document).</summary>
    public static GrpcStatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => GrpcStatusCode.Unavailable,        // REFUSED_STREAM
        0x8 => GrpcStatusCode.Cancelled,          // CANCEL
        0xb => GrpcStatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xc => GrpcStatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => GrpcStatusCode.Internal,
    };

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(1, 4), (uint)length);
    }

    /// <summary>
    /// Decompresses one message. The output is bounded by <paramref name="maxSize"/> while it is produced, so a small
    /// compressed frame cannot expand into an unbounded allocation.
    /// </summary>
    public static byte[] Decompress(ReadOnlySequence<byte> data, string encoding, int maxSize)
    {
        using var input = new SequenceStream(data);
        using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            _ => throw new GrpcException(GrpcStatusCode.Unimplemented, $"Message compressed with '{encoding}', which is not supported. Supported encodings: {SupportedEncodings}."),
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
                    throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"Decompressed message exceeds the maximum size of {maxSize} bytes.");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new GrpcException(new GrpcStatus(GrpcStatusCode.Internal, $"Could not decompress a '{encoding}' message: {ex.Message}"), null, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }

    public static byte[] Compress(ReadOnlySpan<byte> data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream encoder = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentException($"Unsupported encoding '{encoding}'.", nameof(encoding)),
        })
        {
            encoder.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A read-only stream over a <see cref="ReadOnlySequence{T}"/>, so decompression reads without copying first.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
