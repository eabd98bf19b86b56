namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// A forward-only reader of the protobuf wire format over a span, used to pick the few fields the stub needs out of a
/// signed proposal without materialising (and copying) every nested message: decoding the whole proposal with the
/// generated parsers costs about 4 KiB of allocations per transaction, this costs none.
/// </summary>
internal ref struct WireReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly string _what;
    private int _position;

    public WireReader(ReadOnlySpan<byte> buffer, string what)
    {
        _buffer = buffer;
        _what = what;
        _position = 0;
    }

    /// <summary>Reads the next field's number and wire type; <see langword="false"/> at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= _buffer.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0 || tag > uint.MaxValue)
        {
            throw Malformed($"invalid field tag {tag}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw Malformed("truncated varint");
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    /// <summary>The offset and length of a length-delimited field's content within the buffer.</summary>
    public (int Offset, int Length) ReadLengthDelimited(int wireType)
    {
        if (wireType != LengthDelimited)
        {
            throw Malformed($"wire type {wireType} where a length-delimited field was expected");
        }

        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Malformed("a field runs past the end of the message");
        }

        var offset = _position;
        _position += (int)length;
        return (offset, (int)length);
    }

    public ulong ReadVarintField(int wireType)
    {
        if (wireType != Varint)
        {
            throw Malformed($"wire type {wireType} where a varint was expected");
        }

        return ReadVarint();
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Advance(8);
                break;
            case LengthDelimited:
                ReadLengthDelimited(wireType);
                break;
            case Fixed32:
                Advance(4);
                break;
            default:
                throw Malformed($"unsupported wire type {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw Malformed("a field runs past the end of the message");
        }

        _position += count;
    }

    private FormatException Malformed(string problem) => new($"The {_what} of the signed proposal cannot be decoded: {problem}.");
}
