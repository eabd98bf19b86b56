using System.Buffers;
using Google.Protobuf;

namespace FabricEvidence.Protocol;

/// <summary>Turns messages of type <typeparamref name="T"/> into bytes and back, without intermediate copies.</summary>
/// <typeparam name="T">The message type.</typeparam>
public abstract class GrpcMarshaller<T>
{
    /// <summary>The exact number of bytes <see cref="Write"/> will produce for <paramref name="value"/>.</summary>
    public abstract int GetSize(T value);

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>, which is exactly <see cref="GetSize"/> bytes long.</summary>
    public abstract void Write(T value, Span<byte> destination);

    /// <summary>Reads a message from <paramref name="data"/>.</summary>
    public abstract T Read(ReadOnlySequence<byte> data);
}

/// <summary>Factories for the marshallers the transport ships with.</summary>
public static class GrpcMarshallers
{
    /// <summary>Raw bytes, passed through unchanged.</summary>
    public static GrpcMarshaller<byte[]> Bytes { get; } = new BytesMarshaller();

    /// <summary>The marshaller for protobuf message type <typeparamref name="T"/>.</summary>
    public static GrpcMarshaller<T> Protobuf<T>() where T : IMessage<T>, new() => ProtobufMarshaller<T>.Instance;

    private sealed class ProtobufMarshaller<T> : GrpcMarshaller<T> where T : IMessage<T>, new()
    {
        public static readonly ProtobufMarshaller<T> Instance = new();
        private static readonly MessageParser<T> Parser = new(() => new T());

        public override int GetSize(T value) => value.CalculateSize();

        public override void Write(T value, Span<byte> destination) => value.WriteTo(destination);

        public override T Read(ReadOnlySequence<byte> data) => Parser.ParseFrom(data);
    }

    private sealed class BytesMarshaller : GrpcMarshaller<byte[]>
    {
        public override int GetSize(byte[] value) => value.Length;

        public override void Write(byte[] value, Span<byte> destination) => value.CopyTo(destination);

        public override byte[] Read(ReadOnlySequence<byte> data) => data.ToArray();
    }
}
