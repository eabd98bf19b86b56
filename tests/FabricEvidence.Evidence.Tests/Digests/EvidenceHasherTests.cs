namespace FabricEvidence.Evidence.Tests.Digests;

public class EvidenceHasherTests
{
    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sm3)]
    public void Appending_in_pieces_gives_the_digest_of_the_whole(DigestAlgorithm algorithm)
    {
        var random = new Random(7);
        var data = new byte[200_003];
        random.NextBytes(data);
        var expected = EvidenceDigests.Compute(algorithm, data);

        for (var trial = 0; trial < 20; trial++)
        {
            using var hasher = EvidenceHasher.Create(algorithm);
            var offset = 0;
            while (offset < data.Length)
            {
                // Pieces of 0 to 300 bytes: below, at and across the 64-byte block size.
                var count = Math.Min(random.Next(0, 301), data.Length - offset);
                hasher.Append(data.AsSpan(offset, count));
                offset += count;
            }

            Assert.Equal(data.Length, hasher.BytesHashed);
            Assert.Equal(expected, hasher.GetDigestAndReset());
        }
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sm3)]
    public void Current_digest_leaves_the_state_so_appending_continues(DigestAlgorithm algorithm)
    {
        var first = "first part"u8.ToArray();
        var second = "second part"u8.ToArray();
        using var hasher = EvidenceHasher.Create(algorithm);

        hasher.Append(first);
        var partial = hasher.GetCurrentDigest();
        hasher.Append(second);
        var whole = hasher.GetDigestAndReset();

        Assert.Equal(EvidenceDigests.Compute(algorithm, first), partial);
        Assert.Equal(EvidenceDigests.Compute(algorithm, [.. first, .. second]), whole);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sm3)]
    public void Reset_starts_from_empty_content(DigestAlgorithm algorithm)
    {
        using var hasher = EvidenceHasher.Create(algorithm);
        hasher.Append("discarded"u8);
        _ = hasher.GetDigestAndReset();

        hasher.Append("abc"u8);

        Assert.Equal(3, hasher.BytesHashed);
        Assert.Equal(EvidenceDigests.Compute(algorithm, "abc"u8), hasher.GetDigestAndReset());
        Assert.Equal(0, hasher.BytesHashed);
    }

    [Fact]
    public void A_disposed_hasher_refuses_use()
    {
        var hasher = EvidenceHasher.Create(DigestAlgorithm.Sm3);
        hasher.Dispose();
        hasher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hasher.Append([1]));
        Assert.Throws<ObjectDisposedException>(() => hasher.GetCurrentDigest());
        Assert.Throws<ObjectDisposedException>(() => hasher.GetDigestAndReset());
    }

    [Fact]
    public void An_undefined_algorithm_is_refused_naming_the_argument()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceHasher.Create((DigestAlgorithm)0));
        Assert.Equal("algorithm", ex.ParamName);
    }
}
