using System.IO.Compression;
using System.Text;

namespace FabricEvidence.Verification.Tests;

/// <summary>The zip and manifest format: round trips, determinism, and every way a bundle can be unreadable.</summary>
public sealed class BundleFormatTests(StandardBundle standard) : IClassFixture<StandardBundle>
{
    [Fact]
    public async Task A_bundle_written_and_read_back_is_the_same_and_verifies()
    {
        var zip = await standard.Bundle.ToZipAsync();

        var read = await EvidenceBundle.ReadAsync(new MemoryStream(zip));

        Assert.Equal(standard.Bundle.Manifest.Channel, read.Manifest.Channel);
        Assert.Equal(standard.Bundle.Manifest.Items[0].Transactions, read.Manifest.Items[0].Transactions);
        Assert.Equal(standard.Bundle.Manifest.Entries, read.Manifest.Entries);
        Assert.Equal(standard.Bundle.Entries.Keys.Order(), read.Entries.Keys.Order());
        ResultAssert.Verified(await new BundleVerifier().VerifyAsync(new MemoryStream(zip), [new EvidenceFile(standard.Item.Id, new MemoryStream(Scenario.File))]));
    }

    [Fact]
    public async Task Writing_the_same_bundle_twice_gives_the_same_bytes()
    {
        var first = await standard.Bundle.ToZipAsync();
        var second = await (await EvidenceBundle.ReadAsync(new MemoryStream(first))).ToZipAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_manifest_is_canonical_json_with_the_documented_members()
    {
        var manifest = ManifestOf(await standard.Bundle.ToZipAsync());

        Assert.StartsWith("{\"chaincode\":\"evidence\",\"channel\":\"evidence\",\"entries\":[{\"blockNumber\":0,\"includedFor\":[\"configuration\"],\"kind\":\"block\",\"path\":\"blocks/0.block\",\"sha256\":\"", manifest, StringComparison.Ordinal);
        Assert.Contains(",\"format\":\"fabric-evidence-bundle\",\"formatVersion\":1,\"hashChain\":{\"firstBlock\":0,\"lastBlock\":9},\"items\":[{\"digest\":\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"recordKey\":\"\\u0000evidence\\u0000EV-2024-0001\\u0000\"", manifest, StringComparison.Ordinal);
        Assert.Contains("{\"headerCount\":4,\"kind\":\"headers\",\"path\":\"headers.bin\",\"sha256\":\"", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", manifest.Replace("Mobile phone image", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_with_an_insignificant_byte_changed_fails_the_manifest_check()
    {
        var zip = await standard.Bundle.ToZipAsync();
        var manifest = ManifestOf(zip).Replace("{\"chaincode\"", "{ \"chaincode\"", StringComparison.Ordinal);

        var result = await new BundleVerifier().VerifyAsync(new MemoryStream(ReplaceManifest(zip, manifest)), [new EvidenceFile(standard.Item.Id, new MemoryStream(Scenario.File))]);

        ResultAssert.FailedExactly(result, VerificationCheckNames.Manifest);
        ResultAssert.FailedWith(result, VerificationCheckNames.Manifest, message: "canonical form");
    }

    [Theory]
    [InlineData("not a zip", "not a readable zip file")]
    [InlineData("no manifest", "has no manifest.json")]
    [InlineData("manifest not json", "not valid JSON")]
    [InlineData("unknown member", "unknown member \"note\"")]
    [InlineData("repeated member", "has the member \"channel\" twice")]
    [InlineData("missing member", "manifest.chaincode is missing")]
    [InlineData("other format", "manifest.format is \"something-else\"")]
    [InlineData("other version", "formatVersion is 2")]
    [InlineData("bad digest", "digest must be 64 lowercase hexadecimal digits")]
    [InlineData("bad algorithm", "digestAlgorithm is \"MD5\"")]
    [InlineData("fractional number", "blockNumber must be a non-negative integer")]
    public async Task An_unreadable_bundle_is_reported_as_a_failed_bundle_format_check_not_an_exception(string damage, string expected)
    {
        var zip = await standard.Bundle.ToZipAsync();
        var manifest = ManifestOf(zip);
        var damaged = damage switch
        {
            "not a zip" => Encoding.UTF8.GetBytes("PK but not really a zip file"),
            "no manifest" => ReplaceManifest(zip, null),
            "manifest not json" => ReplaceManifest(zip, manifest[..^3]),
            "unknown member" => ReplaceManifest(zip, manifest.Replace("{\"chaincode\"", "{\"note\":\"x\",\"chaincode\"", StringComparison.Ordinal)),
            "repeated member" => ReplaceManifest(zip, manifest.Replace("\"channel\":\"evidence\"", "\"channel\":\"evidence\",\"channel\":\"other\"", StringComparison.Ordinal)),
            "missing member" => ReplaceManifest(zip, manifest.Replace("\"chaincode\":\"evidence\",", string.Empty, StringComparison.Ordinal)),
            "other format" => ReplaceManifest(zip, manifest.Replace("fabric-evidence-bundle", "something-else", StringComparison.Ordinal)),
            "other version" => ReplaceManifest(zip, manifest.Replace("\"formatVersion\":1", "\"formatVersion\":2", StringComparison.Ordinal)),
            "bad digest" => ReplaceManifest(zip, manifest.Replace($"\"digest\":\"{standard.Item.Digest}\"", $"\"digest\":\"{standard.Item.Digest.ToUpperInvariant()}\"", StringComparison.Ordinal)),
            "bad algorithm" => ReplaceManifest(zip, manifest.Replace("\"digestAlgorithm\":\"SHA-256\"", "\"digestAlgorithm\":\"MD5\"", StringComparison.Ordinal)),
            "fractional number" => ReplaceManifest(zip, manifest.Replace("\"blockNumber\":0,", "\"blockNumber\":0.0,", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        var result = await new BundleVerifier().VerifyAsync(new MemoryStream(damaged), []);

        Assert.Equal(VerificationVerdict.NotVerified, result.Verdict);
        var check = Assert.Single(result.Checks);
        Assert.Equal(VerificationCheckNames.BundleFormat, check.Name);
        Assert.Contains(expected, check.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BundleFormatException>(() => EvidenceBundle.ReadAsync(new MemoryStream(damaged)));
    }

    [Fact]
    public async Task Damaged_compressed_data_is_reported_not_thrown()
    {
        var zip = await standard.Bundle.ToZipAsync();
        // Flip a byte in the middle of the archive, inside some entry's compressed data.
        var damaged = zip.ToArray();
        damaged[damaged.Length / 2] ^= 0x55;

        var result = await new BundleVerifier().VerifyAsync(new MemoryStream(damaged), [new EvidenceFile(standard.Item.Id, new MemoryStream(Scenario.File))]);

        Assert.Equal(VerificationVerdict.NotVerified, result.Verdict);
        Assert.NotEmpty(result.Failures);
    }

    [Fact]
    public void The_builder_and_the_bundle_check_their_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new EvidenceBundleBuilder(null!));
        Assert.Throws<ArgumentNullException>(() => new BundleVerifier(null!));
        Assert.Throws<ArgumentException>(() => new EvidenceBundle(standard.Bundle.Manifest, new Dictionary<string, ReadOnlyMemory<byte>> { [EvidenceBundle.ManifestPath] = Array.Empty<byte>() }));
    }

    [Fact]
    public async Task The_builder_refuses_a_transaction_of_another_chaincode_and_an_item_whose_record_is_never_written()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.CommitUnrelated();
        });
        var builder = new EvidenceBundleBuilder(scenario.Source);

        var lifecycleTx = ForgedLedgerTests.TransactionIdOf(scenario.Ledger, 1);
        var wrongChaincode = await Assert.ThrowsAsync<BundleBuildException>(() => builder.BuildAsync(new BundleRequest
        {
            Chaincode = "evidence",
            Items = [new BundleItemRequest { ItemId = scenario.Item.Id, TransactionIds = [lifecycleTx] }],
        }));
        Assert.Contains("invokes chaincode '_lifecycle', not 'evidence'", wrongChaincode.Message, StringComparison.Ordinal);

        var unrelated = ForgedLedgerTests.TransactionIdOf(scenario.Ledger, 3);
        var noRecord = await Assert.ThrowsAsync<BundleBuildException>(() => builder.BuildAsync(new BundleRequest
        {
            Chaincode = "evidence",
            Items = [new BundleItemRequest { ItemId = scenario.Item.Id, TransactionIds = [unrelated] }],
        }));
        Assert.Contains("writes its record", noRecord.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => builder.BuildAsync(new BundleRequest
        {
            Chaincode = "evidence",
            Items = [new BundleItemRequest { ItemId = scenario.Item.Id, TransactionIds = [new string('0', 64)] }],
        }));
        await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(new BundleRequest { Chaincode = "evidence", Items = [] }));
    }

    private static string ManifestOf(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(EvidenceBundle.ManifestPath)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] ReplaceManifest(byte[] zip, string? manifest)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (entry.FullName == EvidenceBundle.ManifestPath)
                {
                    if (manifest is null)
                    {
                        continue;
                    }

                    using var writer = target.CreateEntry(entry.FullName).Open();
                    writer.Write(Encoding.UTF8.GetBytes(manifest));
                    continue;
                }

                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
