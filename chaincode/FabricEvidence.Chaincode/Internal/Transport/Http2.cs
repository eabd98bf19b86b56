using System.Buffers.Binary;
using System.Text;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>HTTP/2 wire constants (RFC 9113) and the few frame encoders the server needs.</summary>
internal static class Http2
{
    public const int FrameHeaderSize = 9;

    /// <summary>The frame size every endpoint must accept, and the largest we advertise.</summary>
    public const int DefaultMaxFrameSize = 16_384;

    public const int MaxAllowedFrameSize = 16_777_215;

    public const int DefaultWindowSize = 65_535;

    public const int MaxWindowSize = int.MaxValue;

    /// <summary>The client connection preface: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".</summary>
    public static ReadOnlySpan<byte> ClientPreface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    public static void WriteFrameHeader(Span<byte> destination, int length, FrameType type, FrameFlags flags, int streamId)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = (byte)type;
        destination[4] = (byte)flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], streamId & int.MaxValue);
    }

    /// <summary>Appends an HPACK integer with an <paramref name="prefixBits"/>-bit prefix (RFC 7541 §5.1).</summary>
    public static void WriteHpackInteger(ByteBuffer buffer, byte firstByteFlags, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            buffer.Append((byte)(firstByteFlags | value));
            return;
        }

        buffer.Append((byte)(firstByteFlags | max));
        value -= max;
        while (value >= 128)
        {
            buffer.Append((byte)((value & 0x7f) | 0x80));
            value >>= 7;
        }

        buffer.Append((byte)value);
    }

    /// <summary>
    /// Appends a header field as "literal without indexing, new name" with plain (non-Huffman) strings. The server
    /// never adds to the peer's dynamic table, so its header blocks decode the same whatever the peer's table holds.
    /// </summary>
    public static void WriteLiteralHeader(ByteBuffer buffer, string name, string value)
    {
        buffer.Append(0x00);
        WriteHpackString(buffer, name);
        WriteHpackString(buffer, value);
    }

    private static void WriteHpackString(ByteBuffer buffer, string value)
    {
        // Header values on the gRPC wire are ASCII (grpc-message is percent-encoded); Latin-1 keeps any byte as is.
        var length = Encoding.Latin1.GetByteCount(value);
        WriteHpackInteger(buffer, 0x00, 7, length);
        Encoding.Latin1.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}

internal enum FrameType : byte
{
    Data = 0x0,
    Headers = 0x1,
    Priority = 0x2,
    RstStream = 0x3,
    Settings = 0x4,
    PushPromise = 0x5,
    Ping = 0x6,
    GoAway = 0x7,
    WindowUpdate = 0x8,
    Continuation = 0x9,
}

[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1069:Enums values should not be duplicated",
    Justification = "HTTP/2 flag bits mean different things on different frame types: 0x1 is END_STREAM on DATA and HEADERS, ACK on SETTINGS and PING.")]
internal enum FrameFlags : byte
{
    None = 0,
    EndStream = 0x1,
    Ack = 0x1,
    EndHeaders = 0x4,
    Padded = 0x8,
    Priority = 0x20,
}

internal enum Http2ErrorCode
{
    NoError = 0x0,
    ProtocolError = 0x1,
    InternalError = 0x2,
    FlowControlError = 0x3,
    SettingsTimeout = 0x4,
    StreamClosed = 0x5,
    FrameSizeError = 0x6,
    RefusedStream = 0x7,
    Cancel = 0x8,
    CompressionError = 0x9,
    ConnectError = 0xa,
    EnhanceYourCalm = 0xb,
    InadequateSecurity = 0xc,
    Http11Required = 0xd,
}

internal enum SettingId : ushort
{
    HeaderTableSize = 0x1,
    EnablePush = 0x2,
    MaxConcurrentStreams = 0x3,
    InitialWindowSize = 0x4,
    MaxFrameSize = 0x5,
    MaxHeaderListSize = 0x6,
}

/// <summary>A connection error (RFC 9113 §5.4.1): the connection ends with GOAWAY carrying this code.</summary>
internal sealed class Http2ConnectionException(Http2ErrorCode code, string message) : Exception(message)
{
    public Http2ErrorCode Code { get; } = code;
}

/// <summary>A growable byte buffer for assembling frames before one write to the socket.</summary>
internal sealed class ByteBuffer(int initialCapacity)
{
    private byte[] _buffer = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - Length < size)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size));
        }

        return _buffer.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    public void Append(byte value)
    {
        GetSpan(1)[0] = value;
        Length++;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Empties the buffer; a buffer that grew past <paramref name="keep"/> bytes for one large message is released.</summary>
    public void Reset(int keep)
    {
        Length = 0;
        if (_buffer.Length > keep)
        {
            _buffer = new byte[keep];
        }
    }

    /// <summary>Reserves a frame header to fill in later with <see cref="CompleteFrame"/>; returns its offset.</summary>
    public int BeginFrame()
    {
        GetSpan(Http2.FrameHeaderSize);
        var offset = Length;
        Length += Http2.FrameHeaderSize;
        return offset;
    }

    public void CompleteFrame(int offset, FrameType type, FrameFlags flags, int streamId) =>
        Http2.WriteFrameHeader(_buffer.AsSpan(offset), Length - offset - Http2.FrameHeaderSize, type, flags, streamId);
}
