namespace FabricEvidence.Gateway;

/// <summary>
/// A connection to a Fabric Gateway peer as one client identity. Get an <see cref="INetwork"/> per channel, then an
/// <see cref="IContract"/> per chaincode. The <c>New…</c> methods rebuild steps from their bytes for offline signing.
/// Thread-safe. Disposing cancels the gateway's calls and event streams in progress but leaves the gRPC connection
/// open (it is shared; close it yourself).
/// </summary>
public interface IGateway : IDisposable, IAsyncDisposable
{
    /// <summary>The client identity.</summary>
    IIdentity Identity { get; }

    /// <summary>A channel (network) the client can use.</summary>
    /// <exception cref="ArgumentException"><paramref name="channelName"/> is empty.</exception>
    INetwork GetNetwork(string channelName);

    /// <summary>Rebuilds a proposal from <see cref="ISignable.GetBytes"/> (a serialized <c>gateway.ProposedTransaction</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a proposal.</exception>
    IProposal NewProposal(byte[] bytes);

    /// <summary>Rebuilds a proposal from its bytes and applies an offline <paramref name="signature"/> of its digest.</summary>
    /// <exception cref="ArgumentException">The bytes are not a proposal, or the signature is empty.</exception>
    IProposal NewSignedProposal(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds an endorsed transaction from its bytes (a serialized <c>gateway.PreparedTransaction</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not an endorsed transaction.</exception>
    ITransaction NewTransaction(byte[] bytes);

    /// <summary>Rebuilds an endorsed transaction from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not an endorsed transaction, or the signature is empty.</exception>
    ITransaction NewSignedTransaction(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a commit-status request from its bytes (a serialized <c>gateway.SignedCommitStatusRequest</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request.</exception>
    ICommit NewCommit(byte[] bytes);

    /// <summary>Rebuilds a commit-status request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request, or the signature is empty.</exception>
    ICommit NewSignedCommit(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a chaincode-events request from its bytes (a serialized <c>gateway.SignedChaincodeEventsRequest</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request.</exception>
    IChaincodeEventsRequest NewChaincodeEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a chaincode-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request, or the signature is empty.</exception>
    IChaincodeEventsRequest NewSignedChaincodeEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a block-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IBlockEventsRequest NewBlockEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a block-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IBlockEventsRequest NewSignedBlockEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a filtered-block-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a filtered-block-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IFilteredBlockEventsRequest NewSignedFilteredBlockEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a block-and-private-data-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a block-and-private-data-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IBlockAndPrivateDataEventsRequest NewSignedBlockAndPrivateDataEventsRequest(byte[] bytes, byte[] signature);
}
