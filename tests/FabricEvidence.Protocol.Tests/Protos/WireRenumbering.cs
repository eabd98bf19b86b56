using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>
/// Rewrites the top-level field numbers of an encoded message, producing exactly the bytes our serializer would write
/// if a .proto file carried the wrong numbers: values untouched, fields in ascending order of their (new) numbers.
/// Lets the tests prove, on every run, that the round-trip checks catch a wrong or swapped field number.
/// </summary>
internal static class WireRenumbering
{
    public static byte[] Renumber(byte[] message, IReadOnlyDictionary<int, int> numbers)
    {
        var fields = new List<(int Number, WireFormat.WireType Type, object Value)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var type = WireFormat.GetTagWireType(tag);
            object value = type switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                WireFormat.WireType.Fixed32 => input.ReadFixed32(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes(),
                _ => throw new NotSupportedException($"Wire type {type} (field {number}) is not supported."),
            };
            fields.Add((numbers.TryGetValue(number, out var renumbered) ? renumbered : number, type, value));
        }

        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var (number, type, value) in fields.OrderBy(f => f.Number)) // OrderBy is stable: repeated fields keep their order
        {
            output.WriteTag(number, type);
            switch (value)
            {
                case ulong varint when type == WireFormat.WireType.Varint:
                    output.WriteUInt64(varint);
                    break;
                case ulong fixed64:
                    output.WriteFixed64(fixed64);
                    break;
                case uint fixed32:
                    output.WriteFixed32(fixed32);
                    break;
                case ByteString bytes:
                    output.WriteBytes(bytes);
                    break;
            }
        }

        output.Flush();
        return buffer.ToArray();
    }
}
