using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Gateway.Tests.Infrastructure;

namespace FabricEvidence.Gateway.Tests;

public class CryptoTests
{
    private static readonly byte[] Abc = "abc"u8.ToArray();

    [Theory]
    [InlineData("NONE", "616263")]
    [InlineData("SHA256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("SHA384", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
    [InlineData("SHA3_256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    [InlineData("SHA3_384", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25")]
    public void Built_in_hashes_match_the_standard_test_vectors(string name, string expectedHex)
    {
        var digest = Hash.FromName(name).Compute(Abc);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Unknown_hash_name_is_rejected_with_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hash.FromName("MD5"));

        Assert.Contains("SHA256", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP521)]
    public async Task Ecdsa_signatures_verify_and_always_have_low_S(PrivateKeyAlgorithm algorithm)
    {
        var credentials = TestCredentials.Create(algorithm);
        var signer = credentials.Signer;
        using var publicKey = credentials.Certificate.GetECDsaPublicKey()!;
        var highSFromPlainDotNet = 0;
        using var plain = ECDsa.Create();
        plain.ImportFromPem(credentials.PrivateKeyPem);

        for (var i = 0; i < 300; i++)
        {
            var digest = SHA256.HashData(BitConverter.GetBytes(i));
            var signature = await signer.SignAsync(digest);

            Assert.True(publicKey.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence), $"signature {i} does not verify");
            Assert.True(EcdsaSigner.IsLowS(signature, algorithm), $"signature {i} has a high S");
            if (!EcdsaSigner.IsLowS(plain.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence), algorithm))
            {
                highSFromPlainDotNet++;
            }
        }

        // Shows the normalisation is needed: .NET alone produces high S about half the time.
        Assert.InRange(highSFromPlainDotNet, 50, 250);
    }

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP521)]
    public void Curve_orders_used_for_low_S_match_the_curves_own_parameters(PrivateKeyAlgorithm algorithm)
    {
        var curve = algorithm switch
        {
            PrivateKeyAlgorithm.EcdsaP256 => ECCurve.NamedCurves.nistP256,
            PrivateKeyAlgorithm.EcdsaP384 => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var ecdsa = ECDsa.Create(curve);

        var order = ecdsa.ExportExplicitParameters(false).Curve.Order!;

        Assert.Equal(Convert.ToHexString(order).TrimStart('0'), Convert.ToHexString(CurveOrders.For(algorithm)).TrimStart('0'));
    }

    [Fact]
    public async Task Ed25519_signer_signs_the_whole_message_verifiably()
    {
        var credentials = TestCredentials.Create(PrivateKeyAlgorithm.Ed25519);
        var message = Encoding.UTF8.GetBytes("a whole proposal, not a digest");

        var signature = await credentials.Signer.SignAsync(message);

        Assert.Equal(64, signature.Length);
        Assert.True(TestCredentials.Verify(credentials.Certificate, message, signature, Hash.None));
        message[0] ^= 1;
        Assert.False(TestCredentials.Verify(credentials.Certificate, message, signature, Hash.None));
    }

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.Ed25519)]
    public void Pkcs8_pem_keys_are_read_and_match_their_certificate(PrivateKeyAlgorithm algorithm)
    {
        var credentials = TestCredentials.Create(algorithm);

        using var key = PrivateKey.FromPem(credentials.PrivateKeyPem);

        Assert.Equal(algorithm, key.Algorithm);
        Assert.True(key.Matches(credentials.Certificate));
    }

    [Fact]
    public void Sec1_ec_private_key_is_read_even_after_an_ec_parameters_block()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ecdsa.ExportECPrivateKeyPem();

        using var key = PrivateKey.FromPem(pem);

        Assert.Equal(PrivateKeyAlgorithm.EcdsaP256, key.Algorithm);
        Assert.Contains("BEGIN PRIVATE KEY", key.ExportPkcs8Pem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_that_does_not_match_the_certificate_is_rejected_when_the_signer_is_created()
    {
        var alice = TestCredentials.Create();
        var bob = TestCredentials.Create(commonName: "bob");

        var ex = Assert.Throws<ArgumentException>(() => Identities.CreateSigner(alice.PrivateKey, bob.Certificate));

        Assert.Equal("privateKey", ex.ParamName);
        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CN=bob", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ed25519_key_does_not_match_an_ecdsa_certificate()
    {
        var ed = TestCredentials.Create(PrivateKeyAlgorithm.Ed25519);
        var ec = TestCredentials.Create();

        Assert.False(ed.PrivateKey.Matches(ec.Certificate));
        Assert.False(ec.PrivateKey.Matches(ed.Certificate));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----")]
    public void Unreadable_private_key_pem_throws_ArgumentException_saying_what_is_wrong(string pem)
    {
        var ex = Assert.Throws<ArgumentException>(() => PrivateKey.FromPem(pem));

        Assert.Equal("pem", ex.ParamName);
        Assert.Matches("(?i)private key|PKCS#8|EC PRIVATE KEY", ex.Message);
    }

    [Fact]
    public void Encrypted_and_rsa_keys_are_rejected_with_advice()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create();
        var encrypted = ecdsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        var rsaError = Assert.Throws<ArgumentException>(() => PrivateKey.FromPem(rsa.ExportPkcs8PrivateKeyPem()));
        var encryptedError = Assert.Throws<ArgumentException>(() => PrivateKey.FromPem(encrypted));

        Assert.Contains("RSA", rsaError.Message, StringComparison.Ordinal);
        Assert.Contains("encrypted", encryptedError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_on_an_unsupported_curve_is_rejected()
    {
        using var ecdsa = ECDsa.Create(ECCurve.CreateFromFriendlyName("brainpoolP256r1"));

        var ex = Assert.Throws<ArgumentException>(() => PrivateKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem()));

        Assert.Contains("P-256, P-384 or P-521", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_certificate_pem_throws_ArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Identities.ReadCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));

        Assert.Equal("pem", ex.ParamName);
        Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void X509_identity_credentials_are_normalised_pem_with_final_newline()
    {
        var credentials = TestCredentials.Create();

        var identity = X509Identity.FromPem("Org1MSP", credentials.CertificatePem.Replace("\n", "\r\n", StringComparison.Ordinal));
        var pem = Encoding.ASCII.GetString(identity.Credentials.Span);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END CERTIFICATE-----\n", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", pem, StringComparison.Ordinal);
        Assert.All(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)), l => Assert.True(l.Length <= 64));
    }

    [Fact]
    public async Task Msp_folder_yields_the_identity_and_the_key_that_matches_it_among_several()
    {
        var credentials = TestCredentials.Create();
        var other = TestCredentials.Create(commonName: "other");
        var msp = Directory.CreateTempSubdirectory("msp");
        try
        {
            Directory.CreateDirectory(Path.Combine(msp.FullName, "signcerts"));
            Directory.CreateDirectory(Path.Combine(msp.FullName, "keystore"));
            File.WriteAllText(Path.Combine(msp.FullName, "signcerts", "cert.pem"), credentials.CertificatePem);
            File.WriteAllText(Path.Combine(msp.FullName, "keystore", "aaaa_sk"), other.PrivateKeyPem);
            File.WriteAllText(Path.Combine(msp.FullName, "keystore", "bbbb_sk"), credentials.PrivateKeyPem);

            var loaded = Identities.LoadMspDirectory("Org1MSP", msp.FullName);

            Assert.Equal("Org1MSP", loaded.Identity.MspId);
            Assert.Equal(credentials.Certificate.Thumbprint, loaded.Identity.Certificate.Thumbprint);
            var digest = SHA256.HashData(Abc);
            var signature = await loaded.Signer.SignAsync(digest);
            Assert.True(TestCredentials.Verify(credentials.Certificate, Abc, signature, Hash.Sha256));
        }
        finally
        {
            msp.Delete(recursive: true);
        }
    }

    [Fact]
    public void Msp_folder_without_a_matching_key_names_the_folder_and_the_certificate()
    {
        var credentials = TestCredentials.Create();
        var other = TestCredentials.Create(commonName: "other");
        var msp = Directory.CreateTempSubdirectory("msp");
        try
        {
            Directory.CreateDirectory(Path.Combine(msp.FullName, "signcerts"));
            Directory.CreateDirectory(Path.Combine(msp.FullName, "keystore"));
            File.WriteAllText(Path.Combine(msp.FullName, "signcerts", "cert.pem"), credentials.CertificatePem);
            File.WriteAllText(Path.Combine(msp.FullName, "keystore", "priv_sk"), other.PrivateKeyPem);
            File.WriteAllText(Path.Combine(msp.FullName, "keystore", "junk_sk"), "junk");

            var ex = Assert.Throws<ArgumentException>(() => Identities.LoadMspDirectory("Org1MSP", msp.FullName));

            Assert.Contains("keystore", ex.Message, StringComparison.Ordinal);
            Assert.Contains("cert.pem", ex.Message, StringComparison.Ordinal);
            Assert.Contains("junk_sk", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            msp.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_msp_folder_throws_DirectoryNotFoundException()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Identities.LoadMspDirectory("Org1MSP", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString())));
    }

    [Fact]
    public void Transaction_id_is_lowercase_hex_sha256_of_nonce_then_creator()
    {
        var nonce = Enumerable.Range(0, 24).Select(i => (byte)i).ToArray();
        var creator = "creator"u8.ToArray();

        var txId = ProposalBuilder.ComputeTransactionId(nonce, creator);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(nonce.Concat(creator).ToArray())), txId);
        Assert.Matches("^[0-9a-f]{64}$", txId);
    }
}
