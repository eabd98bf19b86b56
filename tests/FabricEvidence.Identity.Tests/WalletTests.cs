using System.Text;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

public sealed class WalletTests : IClassFixture<TestPki>, IDisposable
{
    private static readonly WalletProtectionOptions Fast = new() { Iterations = WalletProtectionOptions.MinimumIterations };
    private readonly Scenario _s;

    public WalletTests(TestPki pki)
    {
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task Wallet_round_trips_credentials_and_keys_through_an_encrypted_file()
    {
        var issued = _s.Issue();
        var wallet = new EncryptedWallet();
        var entry = wallet.Add(issued.SdJwt, _s.Holder, "residence", _s.Clock);
        var path = Path.Combine(Path.GetTempPath(), "fe-wallet-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await wallet.SaveAsync(path, "correct horse battery staple", Fast);
            var bytes = await File.ReadAllBytesAsync(path);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("Mustermann", text, StringComparison.Ordinal);
            Assert.DoesNotContain(issued.IssuerSignedJwt[..40], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Forge.B64(_s.Holder.ExportPkcs8())[..40], text, StringComparison.Ordinal);

            var opened = await EncryptedWallet.OpenAsync(path, "correct horse battery staple");
            var read = Assert.Single(opened.Entries);
            Assert.Equal(entry.Id, read.Id);
            Assert.Matches("^[0-9a-f]{32}$", read.Id); // never a leading '-' that a command line would read as an option
            Assert.Equal(issued.SdJwt, read.Credential);
            Assert.Equal("residence", read.Label);
            Assert.Equal(_s.Clock.Now.ToUnixTimeMilliseconds(), read.AddedAt.ToUnixTimeMilliseconds());
            using var key = read.OpenHolderKey();
            Assert.Equal(_s.Holder.Thumbprint, key.Thumbprint);

            // The reopened key still presents the credential.
            var p = _s.Presenter.Present(read.Credential, key, new PresentationRequest { Claims = ["age_over_18"], Audience = Scenario.Audience, Nonce = "n" });
            Assert.True((bool)_s.Verify(p.Compact, "n").Claims["age_over_18"]!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Envelope_names_its_parameters_and_uses_fresh_salt_and_nonce()
    {
        var wallet = new EncryptedWallet();
        wallet.Add("a~", _s.Holder);
        var first = JsonNode.Parse(wallet.Seal("pw", Fast))!;
        var second = JsonNode.Parse(wallet.Seal("pw", Fast))!;
        var header = JsonNode.Parse(Forge.Unb64((string)first["protected"]!))!;
        Assert.Equal("fabric-evidence-wallet", (string?)header["format"]);
        Assert.Equal("PBKDF2-HMAC-SHA256", (string?)header["kdf"]!["alg"]);
        Assert.Equal(WalletProtectionOptions.MinimumIterations, (int)header["kdf"]!["iterations"]!);
        Assert.Equal(16, Forge.Unb64((string)header["kdf"]!["salt"]!).Length);
        Assert.Equal("A256GCM", (string?)header["enc"]!["alg"]);
        Assert.Equal(12, Forge.Unb64((string)header["enc"]!["nonce"]!).Length);
        Assert.NotEqual((string?)first["protected"], (string?)second["protected"]);
        Assert.NotEqual((string?)first["ciphertext"], (string?)second["ciphertext"]);
        Assert.Equal(600_000, new WalletProtectionOptions().Iterations);
    }

    [Fact]
    public void Wrong_passphrase_is_refused()
    {
        var data = Sealed();
        var ex = Assert.Throws<WalletException>(() => EncryptedWallet.Open(data, "wrong"));
        Assert.Equal(WalletErrorCode.WrongPassphraseOrTampered, ex.Code);
    }

    [Fact]
    public void Altered_ciphertext_is_refused()
    {
        var envelope = JsonNode.Parse(Sealed())!.AsObject();
        var c = Forge.Unb64((string)envelope["ciphertext"]!);
        c[0] ^= 1;
        envelope["ciphertext"] = Forge.B64(c);
        Assert.Equal(WalletErrorCode.WrongPassphraseOrTampered,
            Assert.Throws<WalletException>(() => EncryptedWallet.Open(Encoding.UTF8.GetBytes(envelope.ToJsonString()), "pw")).Code);
    }

    [Fact]
    public void Lowered_iteration_count_in_the_header_is_refused()
    {
        // The header is associated data: an attacker cannot weaken the key derivation without breaking authentication.
        var envelope = JsonNode.Parse(Sealed())!.AsObject();
        var header = JsonNode.Parse(Forge.Unb64((string)envelope["protected"]!))!;
        header["kdf"]!["iterations"] = WalletProtectionOptions.MinimumIterations + 1;
        envelope["protected"] = Forge.B64(header.ToJsonString());
        Assert.Equal(WalletErrorCode.WrongPassphraseOrTampered,
            Assert.Throws<WalletException>(() => EncryptedWallet.Open(Encoding.UTF8.GetBytes(envelope.ToJsonString()), "pw")).Code);
    }

    [Theory]
    [InlineData("not json", WalletErrorCode.Malformed)]
    [InlineData("{}", WalletErrorCode.Malformed)]
    [InlineData("{\"protected\":\"e30\",\"ciphertext\":\"\",\"tag\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", WalletErrorCode.UnsupportedFormat)]
    public void Garbage_is_refused(string text, WalletErrorCode code) =>
        Assert.Equal(code, Assert.Throws<WalletException>(() => EncryptedWallet.Open(Encoding.UTF8.GetBytes(text), "pw")).Code);

    [Fact]
    public void Out_of_range_iteration_counts_are_refused()
    {
        var wallet = new EncryptedWallet();
        Assert.Throws<ArgumentOutOfRangeException>("options.Iterations", () => wallet.Seal("pw", new WalletProtectionOptions { Iterations = 1000 }));
        Assert.Throws<ArgumentException>("passphrase", () => wallet.Seal(""));
    }

    [Fact]
    public void Entries_can_be_removed()
    {
        var wallet = new EncryptedWallet();
        var a = wallet.Add("a~", _s.Holder);
        wallet.Add("b~", _s.Holder);
        Assert.True(wallet.Remove(a.Id));
        Assert.False(wallet.Remove(a.Id));
        Assert.Equal("b~", Assert.Single(EncryptedWallet.Open(wallet.Seal("pw", Fast), "pw").Entries).Credential);
    }

    private byte[] Sealed()
    {
        var wallet = new EncryptedWallet();
        wallet.Add("credential~", _s.Holder);
        return wallet.Seal("pw", Fast);
    }
}
