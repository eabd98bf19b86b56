using System.Text;

namespace FabricEvidence.Evidence.Tests.Digests;

public class DigestVectorTests
{
    [Theory]
    // FIPS 180-4 examples (and the empty message).
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_the_standard_examples(string message, string expected)
    {
        var digest = EvidenceDigests.Compute(DigestAlgorithm.Sha256, Encoding.ASCII.GetBytes(message));

        Assert.Equal(expected, digest.Hex);
        Assert.Equal(DigestAlgorithm.Sha256, digest.Algorithm);
        Assert.Equal("SHA-256", digest.AlgorithmName);
    }

    [Fact]
    public void Sha256_of_a_million_a_matches_the_standard()
    {
        var digest = EvidenceDigests.Compute(DigestAlgorithm.Sha256, Enumerable.Repeat((byte)'a', 1_000_000).ToArray());

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", digest.Hex);
    }

    [Theory]
    // GB/T 32905-2016 appendix A, examples 1 and 2; the empty message as other implementations give it.
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    [InlineData("", "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")]
    public void Sm3_matches_the_standard_examples(string message, string expected)
    {
        var digest = EvidenceDigests.Compute(DigestAlgorithm.Sm3, Encoding.ASCII.GetBytes(message));

        Assert.Equal(expected, digest.Hex);
        Assert.Equal("SM3", digest.AlgorithmName);
    }
}
