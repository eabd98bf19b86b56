using System.Security.Cryptography;

namespace FabricEvidence.Evidence.Internal;

/// <summary>SHA-256 from the platform (OpenSSL on Linux, CNG on Windows), which uses the CPU's SHA instructions.</summary>
internal sealed class Sha256Core : IHashCore
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public void GetCurrentHash(Span<byte> destination) => _hash.GetCurrentHash(destination);

    public void GetHashAndReset(Span<byte> destination) => _hash.GetHashAndReset(destination);

    public void Dispose() => _hash.Dispose();
}
