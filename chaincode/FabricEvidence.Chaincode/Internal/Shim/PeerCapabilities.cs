using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// What the peer said it accepts in READY (Fabric 3.1+): batched writes and multi-key reads, each with a chunk size.
/// Older peers send an empty READY payload, which reads as "neither".
/// </summary>
internal sealed record PeerCapabilities(bool UseWriteBatch, int MaxSizeWriteBatch, bool UseGetMultipleKeys, int MaxSizeGetMultipleKeys)
{
    /// <summary>
    /// The smallest chunk used. A peer that enables a feature but advertises a size below this (0 included, which
    /// would otherwise mean "no chunk can be sent") gets this size, as Fabric's Go shim does; the peer does not
    /// enforce the advertised size, it only suggests how to chunk.
    /// </summary>
    public const int MinimumChunkSize = 100;

    public static PeerCapabilities None { get; } = new(false, 0, false, 0);

    public static PeerCapabilities FromReadyPayload(Google.Protobuf.ByteString payload)
    {
        if (payload.IsEmpty)
        {
            return None;
        }

        var parameters = ChaincodeAdditionalParams.Parser.ParseFrom(payload);
        return new PeerCapabilities(
            parameters.UseWriteBatch,
            parameters.UseWriteBatch ? Chunk(parameters.MaxSizeWriteBatch) : 0,
            parameters.UseGetMultipleKeys,
            parameters.UseGetMultipleKeys ? Chunk(parameters.MaxSizeGetMultipleKeys) : 0);
    }

    private static int Chunk(uint advertised) => advertised < MinimumChunkSize ? MinimumChunkSize : (int)Math.Min(advertised, int.MaxValue);
}
