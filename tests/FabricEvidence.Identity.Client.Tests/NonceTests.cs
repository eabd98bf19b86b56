namespace FabricEvidence.Identity.Client.Tests;

public sealed class NonceTests
{
    [Fact]
    public void Nonces_are_128_bit_hex_that_no_command_line_mistakes_for_an_option_and_do_not_repeat()
    {
        // 2,000 samples: a base64url nonce would begin with '-' about 30 times.
        var nonces = Enumerable.Range(0, 2000).Select(_ => VerifierClient.CreateNonce()).ToList();

        Assert.All(nonces, nonce => Assert.Matches("^[0-9a-f]{32}$", nonce));
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
    }
}
