using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace FabricEvidence.Gateway.Internal;

/// <summary>A signer over a key whose algorithm we know, so the gateway can reject a hash that cannot work with it.</summary>
internal interface IKeySigner : ISigner
{
    PrivateKeyAlgorithm Algorithm { get; }

    /// <summary>True when the algorithm signs whole messages (Ed25519), so the gateway's hash must be NONE.</summary>
    bool SignsWholeMessage { get; }
}

/// <summary>
/// ECDSA with DER output and a low S value: Fabric's MSP rejects signatures whose S exceeds half the curve order
/// (bccsp's malleability guard), and .NET, like OpenSSL, returns either half at random.
/// </summary>
internal sealed class EcdsaSigner : IKeySigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _order;
    private readonly byte[] _halfOrder;
    private readonly int _fieldLength;

    private EcdsaSigner(ECDsa key, PrivateKeyAlgorithm algorithm, byte[] order)
    {
        _key = key;
        Algorithm = algorithm;
        _fieldLength = order.Length;
        _order = order;
        _halfOrder = ShiftRightOne(order);
    }

    public PrivateKeyAlgorithm Algorithm { get; }

    public bool SignsWholeMessage => false;

    public static EcdsaSigner Create(ECDsa source, PrivateKeyAlgorithm algorithm)
    {
        var parameters = source.ExportParameters(includePrivateParameters: true);
        try
        {
            var copy = ECDsa.Create(parameters);
            return new EcdsaSigner(copy, algorithm, CurveOrders.For(algorithm));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sign(digest.Span));

    public byte[] Sign(ReadOnlySpan<byte> digest)
    {
        Span<byte> fixedSignature = stackalloc byte[2 * _fieldLength];
        if (!_key.TrySignHash(digest, fixedSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != fixedSignature.Length)
        {
            throw new CryptographicException("ECDSA signing produced an unexpected signature length.");
        }

        var r = fixedSignature[.._fieldLength];
        var s = fixedSignature[_fieldLength..];
        if (CompareBigEndian(s, _halfOrder) > 0)
        {
            SubtractFrom(_order, s);
        }

        return EncodeDer(r, s);
    }

    /// <summary>Whether a DER ECDSA signature's S is at most half the order (what Fabric's MSP demands).</summary>
    public static bool IsLowS(ReadOnlySpan<byte> derSignature, PrivateKeyAlgorithm algorithm)
    {
        var order = CurveOrders.For(algorithm);
        var (_, s) = DecodeDer(derSignature);
        var padded = new byte[order.Length];
        if (s.Length > padded.Length)
        {
            return false;
        }

        s.CopyTo(padded.AsSpan(padded.Length - s.Length));
        return CompareBigEndian(padded, ShiftRightOne(order)) <= 0;
    }

    public static (byte[] R, byte[] S) DecodeDer(ReadOnlySpan<byte> derSignature)
    {
        var reader = new AsnReader(derSignature.ToArray(), AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadIntegerBytes().ToArray();
        var s = sequence.ReadIntegerBytes().ToArray();
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        return (TrimSign(r), TrimSign(s));
    }

    public void Dispose() => _key.Dispose();

    private static byte[] TrimSign(byte[] value) => value.Length > 1 && value[0] == 0 ? value[1..] : value;

    private static byte[] EncodeDer(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 2 * r.Length + 10);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(r));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(s));
        }

        return writer.Encode();
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    private static int CompareBigEndian(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return 0;
    }

    // value := order - value, both big-endian and of equal length; value < order always holds for a valid S.
    private static void SubtractFrom(ReadOnlySpan<byte> order, Span<byte> value)
    {
        var borrow = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var difference = order[i] - value[i] - borrow;
            borrow = difference < 0 ? 1 : 0;
            value[i] = (byte)(difference + (borrow << 8));
        }
    }

    private static byte[] ShiftRightOne(byte[] value)
    {
        var result = new byte[value.Length];
        var carry = 0;
        for (var i = 0; i < value.Length; i++)
        {
            result[i] = (byte)((value[i] >> 1) | (carry << 7));
            carry = value[i] & 1;
        }

        return result;
    }
}

/// <summary>Ed25519 (RFC 8032, pure): signs the whole message, as Fabric 3's MSP verifies it.</summary>
internal sealed class Ed25519Signer : IKeySigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    public Ed25519Signer(Ed25519PrivateKeyParameters key) => _key = key;

    public PrivateKeyAlgorithm Algorithm => PrivateKeyAlgorithm.Ed25519;

    public bool SignsWholeMessage => true;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        var message = digest.ToArray();
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        _key.Sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
        return ValueTask.FromResult(signature);
    }
}

/// <summary>The group orders of the NIST curves, big-endian and padded to the field length (as P1363 signatures are).</summary>
internal static class CurveOrders
{
    private static readonly byte[] P256 = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private static readonly byte[] P384 = Convert.FromHexString(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    private static readonly byte[] P521 = Convert.FromHexString(
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409");

    public static byte[] For(PrivateKeyAlgorithm algorithm) => algorithm switch
    {
        PrivateKeyAlgorithm.EcdsaP256 => P256,
        PrivateKeyAlgorithm.EcdsaP384 => P384,
        PrivateKeyAlgorithm.EcdsaP521 => P521,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an ECDSA curve."),
    };
}
