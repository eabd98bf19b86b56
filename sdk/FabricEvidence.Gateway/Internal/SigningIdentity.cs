using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Internal;

/// <summary>The identity, hash and (optional) signer every request of one gateway is made with.</summary>
internal sealed class SigningIdentity
{
    private readonly ISigner? _signer;

    public SigningIdentity(IIdentity identity, Hash hash, ISigner? signer)
    {
        Identity = identity;
        Hash = hash;
        _signer = signer;
        Creator = new SerializedIdentity
        {
            Mspid = identity.MspId,
            IdBytes = ByteString.CopyFrom(identity.Credentials.Span),
        }.ToByteString();
    }

    public IIdentity Identity { get; }

    public Hash Hash { get; }

    /// <summary>The serialized <c>msp.SerializedIdentity</c> placed in every request.</summary>
    public ByteString Creator { get; }

    public bool CanSign => _signer is not null;

    public byte[] Digest(ReadOnlySpan<byte> message) => Hash.Compute(message);

    public async ValueTask<ByteString> SignAsync(byte[] digest, string what, CancellationToken cancellationToken)
    {
        if (_signer is null)
        {
            throw new InvalidOperationException(
                $"Cannot sign the {what}: the gateway was connected without a signer (offline signing). Sign GetDigest() elsewhere and rebuild it with the gateway's NewSigned… method.");
        }

        var signature = await _signer.SignAsync(digest, cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length == 0)
        {
            throw new InvalidOperationException($"The signer returned an empty signature for the {what}.");
        }

        return ByteString.CopyFrom(signature);
    }
}
