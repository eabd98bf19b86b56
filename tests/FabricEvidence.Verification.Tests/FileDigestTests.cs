namespace FabricEvidence.Verification.Tests;

public sealed class FileDigestTests
{
    [Fact]
    public async Task SM3_of_abc_is_the_GB_T_32905_test_vector()
    {
        var digest = await FileDigest.ComputeAsync(new MemoryStream("abc"u8.ToArray()), DigestAlgorithms.Sm3);

        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", digest);
        Assert.Equal(digest, FileDigest.Compute("abc"u8, DigestAlgorithms.Sm3));
    }

    [Fact]
    public async Task SM3_of_the_64_byte_message_is_the_GB_T_32905_test_vector()
    {
        var message = string.Concat(Enumerable.Repeat("abcd", 16));

        var digest = await FileDigest.ComputeAsync(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(message)), DigestAlgorithms.Sm3);

        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", digest);
    }

    [Fact]
    public async Task SHA256_of_abc_is_the_FIPS_180_test_vector_and_large_streams_are_read_in_chunks()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await FileDigest.ComputeAsync(new MemoryStream("abc"u8.ToArray()), DigestAlgorithms.Sha256));

        var large = new byte[1_000_003];
        new Random(7).NextBytes(large);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(large)), await FileDigest.ComputeAsync(new MemoryStream(large), DigestAlgorithms.Sha256));
        Assert.Equal(FileDigest.Compute(large, DigestAlgorithms.Sm3), await FileDigest.ComputeAsync(new MemoryStream(large), DigestAlgorithms.Sm3));
    }

    [Fact]
    public async Task An_unknown_algorithm_is_refused_naming_the_argument()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FileDigest.ComputeAsync(new MemoryStream(), "MD5"));

        Assert.Equal("algorithm", error.ParamName);
    }

    [Fact]
    public async Task An_item_recorded_with_SM3_is_verified_with_its_file()
    {
        using var scenario = Scenario.Create(algorithm: DigestAlgorithms.Sm3);
        var bundle = await scenario.BundleAsync();

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(Scenario.File));

        ResultAssert.Verified(result);
        Assert.Equal(DigestAlgorithms.Sm3, result.Items[0].DigestAlgorithm);
        Assert.Equal(FileDigest.Compute(Scenario.File, DigestAlgorithms.Sm3), result.Items[0].ComputedDigest);
        Assert.True(result.Items[0].FileMatches);
    }
}
