using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>A client identity: MSP id, X.509 certificate and signing key, generated at run time.</summary>
public sealed class TestIdentity : IDisposable
{
    private readonly ECDsa _key;

    private TestIdentity(string mspId, X509Certificate2 certificate, ECDsa key)
    {
        MspId = mspId;
        Certificate = certificate;
        _key = key;
        Serialized = new SerializedIdentity
        {
            Mspid = mspId,
            IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()),
        }.ToByteString();
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>The serialized <c>msp.SerializedIdentity</c>: the proposal's creator.</summary>
    public ByteString Serialized { get; }

    public static TestIdentity Create(string mspId = "Org1MSP", string commonName = "User1@org1.example.com")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, OU=client, O=Org1, C=US", key, HashAlgorithmName.SHA256);
        var notBefore = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        return new TestIdentity(mspId, certificate, key);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}

/// <summary>
/// Builds signed proposals as a Fabric client does (nonce, txid = hex(SHA-256(nonce ‖ creator)), channel header,
/// signature header, chaincode proposal payload with transient data). The nonce is derived from a seed and a counter
/// rather than drawn at random, so two runs of the same scenario produce the same txids and proposals.
/// </summary>
public sealed class ProposalFactory
{
    private readonly TestIdentity _identity;
    private readonly string _seed;
    private long _counter;

    public ProposalFactory(TestIdentity identity, string seed = "fabric-evidence")
    {
        _identity = identity;
        _seed = seed;
    }

    public TestIdentity Identity => _identity;

    /// <summary>The fixed client time every proposal carries (deterministic transcripts).</summary>
    public static DateTimeOffset ClientTime { get; } = new(2025, 3, 1, 12, 0, 0, 500, TimeSpan.Zero);

    public (SignedProposal Proposal, string TxId, byte[] Nonce) Create(string channelId, string chaincodeName, ChaincodeInput input, IReadOnlyDictionary<string, byte[]>? transient = null)
    {
        var counter = Interlocked.Increment(ref _counter);
        var nonce = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_seed}/{counter}"))[..24];
        var creator = _identity.Serialized;
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Span]));

        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            Timestamp = Timestamp.FromDateTimeOffset(ClientTime),
            ChannelId = channelId,
            TxId = txId,
            Epoch = 0,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincodeName } }.ToByteString(),
        };
        var signatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(nonce) };
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincodeName }, Input = input },
            }.ToByteString(),
        };
        if (transient is not null)
        {
            foreach (var (key, value) in transient)
            {
                payload.TransientMap.Add(key, ByteString.CopyFrom(value));
            }
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var proposalBytes = proposal.ToByteString();
        return (new SignedProposal { ProposalBytes = proposalBytes, Signature = ByteString.CopyFrom(_identity.Sign(proposalBytes.Span)) }, txId, nonce);
    }
}
