using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway.Internal;

internal static class ValidationCodes
{
    private static readonly Google.Protobuf.Reflection.EnumDescriptor Descriptor =
        TransactionReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(TxValidationCode));

    /// <summary>The proto name (<c>MVCC_READ_CONFLICT</c>), which is what Fabric's logs and other clients print.</summary>
    public static string Name(TxValidationCode code) => Descriptor.FindValueByNumber((int)code)?.Name ?? "UNKNOWN";
}
