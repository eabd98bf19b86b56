using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.SyntheticLedger;

/// <summary>An enrolled identity of a test organisation: certificate, private key, and Fabric's serialized form.</summary>
public sealed class TestIdentity : IDisposable
{
    // Order of the P-256 group, for Fabric's low-S rule.
    private static readonly BigInteger P256Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    public TestIdentity(string mspId, X509Certificate2 certificate, ECDsa key)
    {
        MspId = mspId;
        Certificate = certificate;
        Key = key;
        Serialized = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem() + "\n") }.ToByteString();
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public ECDsa Key { get; }

    /// <summary><c>msp.SerializedIdentity</c> with the PEM certificate, as Fabric clients send it as creator or endorser.</summary>
    public ByteString Serialized { get; }

    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData));

    /// <summary>Signs like a Fabric client: ECDSA over SHA-256, DER encoded, s normalised to the lower half.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var raw = Key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var r = new BigInteger(raw.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(raw.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if (s > P256Order >> 1)
        {
            s = P256Order - s;
        }

        return EncodeSignature(r, s);
    }

    /// <summary>The same signature with s replaced by n - s: mathematically valid, refused by Fabric.</summary>
    public static byte[] ToHighS(byte[] signature)
    {
        var sequence = new AsnReader(signature, AsnEncodingRules.DER).ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        return EncodeSignature(r, P256Order - s);
    }

    private static byte[] EncodeSignature(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
