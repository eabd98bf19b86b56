using System.Security.Cryptography;
using System.Text;

namespace FabricEvidence.Evidence.Tests;

public sealed class DigestTests
{
    [Theory]
    // GB/T 32905-2016, appendix A: "abc" and 16 repetitions of "abcd".
    [InlineData("SM3", "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("SM3", "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    // FIPS 180-4 example.
    [InlineData("SHA-256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public async Task Digests_match_the_standards_test_vectors(string algorithm, string input, string expected)
    {
        var (digest, length) = await EvidenceDigest.ComputeAsync(new MemoryStream(Encoding.ASCII.GetBytes(input)), DigestAlgorithm.FromName(algorithm));

        Assert.Equal(expected, digest);
        Assert.Equal(input.Length, length);
    }

    [Fact]
    public async Task Streaming_in_uneven_pieces_gives_the_one_shot_digest_and_reports_progress()
    {
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var reported = new List<long>();

        var (digest, length) = await EvidenceDigest.ComputeAsync(new TrickleStream(data), DigestAlgorithm.Sha256, new SynchronousProgress(reported.Add));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), digest);
        Assert.Equal(data.Length, length);
        Assert.Equal(data.Length, reported[^1]);
        Assert.True(reported.SequenceEqual(reported.Order()));
    }

    [Fact]
    public void The_incremental_hasher_resets_after_each_digest()
    {
        using var hasher = EvidenceHasher.Create(DigestAlgorithm.Sm3);
        hasher.Append("ab"u8);
        hasher.Append("c"u8);
        var first = hasher.GetHexDigestAndReset();
        hasher.Append("abc"u8);

        Assert.Equal(first, hasher.GetHexDigestAndReset());
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", first);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("SM3")]
    public void The_current_digest_leaves_the_hasher_going_on(string name)
    {
        var algorithm = DigestAlgorithm.FromName(name);
        using var hasher = EvidenceHasher.Create(algorithm);
        using var oneShot = EvidenceHasher.Create(algorithm);
        hasher.Append("ab"u8);
        var partial = hasher.GetCurrentHexDigest();
        hasher.Append("c"u8);
        oneShot.Append("ab"u8);

        Assert.Equal(oneShot.GetHexDigestAndReset(), partial);
        Assert.Equal(3, hasher.Length);
        oneShot.Append("abc"u8);
        Assert.Equal(oneShot.GetHexDigestAndReset(), hasher.GetCurrentHexDigest());
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("MD5")]
    [InlineData("")]
    public void Algorithm_names_are_the_contracts(string name)
    {
        if (name == "sha256")
        {
            Assert.Same(DigestAlgorithm.Sha256, DigestAlgorithm.FromName(name));
        }
        else
        {
            Assert.Throws<ArgumentException>(() => DigestAlgorithm.FromName(name));
        }
    }

    /// <summary>Returns at most 7,919 bytes per read, so block boundaries of the hash never line up with reads.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7_919)], cancellationToken);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
