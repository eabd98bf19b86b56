namespace FabricEvidence.Evidence.Tests.Digests;

public class EvidenceDigestTests
{
    private const string AbcSm3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    [Fact]
    public void Text_form_round_trips_and_is_lowercase_hex()
    {
        var digest = EvidenceDigest.Parse(DigestAlgorithm.Sm3, AbcSm3);

        Assert.Equal(AbcSm3, digest.Hex);
        Assert.Equal(AbcSm3, digest.ToString());
        Assert.Equal(Convert.FromHexString(AbcSm3), digest.Value.ToArray());
        Assert.Equal(digest, EvidenceDigest.FromBytes(DigestAlgorithm.Sm3, Convert.FromHexString(AbcSm3)));
    }

    [Theory]
    [InlineData("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0")] // uppercase: the contract refuses it too
    [InlineData("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e")] // 63 digits
    [InlineData("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e00")] // 65 digits
    [InlineData("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8eg")] // not hex
    [InlineData(" 6c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")] // white space
    [InlineData("")]
    public void Malformed_text_is_refused(string text)
    {
        Assert.False(EvidenceDigest.TryParse(DigestAlgorithm.Sha256, text, out var digest));
        Assert.Null(digest);
        var ex = Assert.Throws<FormatException>(() => EvidenceDigest.Parse(DigestAlgorithm.Sha256, text));
        Assert.Contains("64 lowercase hexadecimal digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_and_wrong_lengths_are_refused_naming_the_argument()
    {
        Assert.Equal("hex", Assert.Throws<ArgumentNullException>(() => EvidenceDigest.Parse(DigestAlgorithm.Sha256, null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => EvidenceDigest.FromBytes(DigestAlgorithm.Sha256, new byte[31])).ParamName);
        Assert.Equal("algorithm", Assert.Throws<ArgumentOutOfRangeException>(() => EvidenceDigest.FromBytes((DigestAlgorithm)9, new byte[32])).ParamName);
        Assert.False(EvidenceDigest.TryParse((DigestAlgorithm)9, AbcSm3, out _));
    }

    [Fact]
    public void Equality_needs_the_same_algorithm_and_value()
    {
        var sm3 = EvidenceDigest.Parse(DigestAlgorithm.Sm3, AbcSm3);
        var sha = EvidenceDigest.Parse(DigestAlgorithm.Sha256, AbcSm3);
        var other = EvidenceDigest.Parse(DigestAlgorithm.Sm3, AbcSm3[..63] + "1");

        Assert.NotEqual(sm3, sha);
        Assert.NotEqual(sm3, other);
        Assert.True(sm3 == EvidenceDigest.Parse(DigestAlgorithm.Sm3, AbcSm3));
        Assert.True(sm3 != sha);
        Assert.Equal(sm3.GetHashCode(), EvidenceDigest.Parse(DigestAlgorithm.Sm3, AbcSm3).GetHashCode());
    }

    [Theory]
    [InlineData("SHA-256", DigestAlgorithm.Sha256)]
    [InlineData("SM3", DigestAlgorithm.Sm3)]
    public void Algorithm_names_are_the_contracts(string name, DigestAlgorithm algorithm)
    {
        Assert.Equal(algorithm, DigestAlgorithmNames.Parse(name));
        Assert.Equal(name, DigestAlgorithmNames.GetName(algorithm));
    }

    [Theory]
    [InlineData("sha-256")]
    [InlineData("SHA256")]
    [InlineData("sm3")]
    [InlineData("MD5")]
    [InlineData("")]
    public void Other_algorithm_names_are_refused(string name)
    {
        Assert.False(DigestAlgorithmNames.TryParse(name, out _));
        var ex = Assert.Throws<ArgumentException>(() => DigestAlgorithmNames.Parse(name));
        Assert.Equal("name", ex.ParamName);
        Assert.Contains("'SHA-256' or 'SM3'", ex.Message, StringComparison.Ordinal);
    }
}
