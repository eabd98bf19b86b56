namespace FabricEvidence.Evidence.Internal;

/// <summary>One running hash computation; the algorithms' implementations behind <see cref="EvidenceHasher"/>.</summary>
internal interface IHashCore : IDisposable
{
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the digest of everything appended so far, leaving the state as it was.</summary>
    void GetCurrentHash(Span<byte> destination);

    /// <summary>Writes the digest and starts again from empty input.</summary>
    void GetHashAndReset(Span<byte> destination);
}
