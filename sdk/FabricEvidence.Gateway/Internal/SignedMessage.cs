using Google.Protobuf;

namespace FabricEvidence.Gateway.Internal;

/// <summary>
/// The one signing base of every signable step (proposal, transaction, commit-status request, event requests): the
/// message, the bytes that are signed, and a signature applied either offline (<see cref="SetSignature"/>) or on demand
/// with the gateway's signer, once, however many threads send the step at the same time.
/// </summary>
internal abstract class SignedMessage
{
    private readonly object _signLock = new();

    protected SignedMessage(GatewayClient client, SigningIdentity identity)
    {
        Client = client;
        Identity = identity;
    }

    public GatewayClient Client { get; }

    public SigningIdentity Identity { get; }

    /// <summary>The message handed between clients (<see cref="ISignable.GetBytes"/>).</summary>
    protected abstract IMessage Message { get; }

    /// <summary>The bytes the signature covers.</summary>
    protected abstract ByteString SignedPart { get; }

    protected abstract ByteString Signature { get; set; }

    /// <summary>What is signed, for error messages.</summary>
    protected abstract string What { get; }

    public byte[] GetBytes()
    {
        lock (_signLock)
        {
            return Message.ToByteArray();
        }
    }

    public byte[] GetDigest() => Identity.Digest(SignedPart.Span);

    public void SetSignature(ByteString signature)
    {
        lock (_signLock)
        {
            Signature = signature;
        }
    }

    protected async ValueTask EnsureSignedAsync(CancellationToken cancellationToken)
    {
        Client.ThrowIfDisposed();
        if (!Signature.IsEmpty)
        {
            return;
        }

        var signature = await Identity.SignAsync(GetDigest(), What, cancellationToken).ConfigureAwait(false);
        lock (_signLock)
        {
            if (Signature.IsEmpty)
            {
                Signature = signature;
            }
        }
    }
}
