using System.Text.Json;
using Xunit.Abstractions;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// Blocks made by real Fabric peers and orderers (Fabric 2.5.12, network/network.sh, the evidence contract deployed
/// with OR('Org1MSP.peer','Org2MSP.peer'), driven with the peer CLI by users whose certificates carry the roles; captured
/// with <c>peer channel fetch</c>). They hold only cryptogen's public certificates. What passes here was computed
/// by Fabric, not by our own test ledger: the header hashes, data hashes, signatures, low-S, read/write sets,
/// key-level policies and _lifecycle encoding.
/// </summary>
public sealed class RealNetworkTests(ITestOutputHelper output)
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12");

    [Fact]
    public async Task A_bundle_built_from_real_blocks_is_verified_with_the_real_file()
    {
        var (bundle, file) = await RealBundleAsync();

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file));

        foreach (var check in result.Checks)
        {
            output.WriteLine(check.ToString());
        }

        ResultAssert.Verified(result);
        Assert.Equal(5, result.Transactions.Count);
        Assert.Equal(
            ["EvidenceSubmitted", "StorageConfirmed", "AccessRecorded", "TransferOffered", "TransferAccepted"],
            result.Transactions.Select(t => t.Role));
        Assert.Equal(["investigator", "storage", "custodian", "custodian", "custodian"], result.Transactions.Select(t => t.Creator!.Role));
        Assert.Equal(["Org1MSP", "Org2MSP", "Org1MSP", "Org1MSP", "Org2MSP"], result.Transactions.Select(t => t.Creator!.MspId));
        Assert.All(result.Transactions, t => Assert.Equal(["Org1MSP", "Org2MSP"], t.EndorsingOrganizations));
        Assert.Equal("OR('Org1MSP.peer','Org2MSP.peer')", result.ChaincodeDefinitions.Single().EndorsementPolicy);
        Assert.Equal("Org2MSP", result.Transactions[^1].RecordHolder);
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.EndorsementPolicy && c.Message.Contains("key-level policy", StringComparison.Ordinal));
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.OrdererSignatures && c.Outcome == CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_bundle_built_from_Fabric_3_0_0_blocks_is_verified_and_fails_on_a_changed_file_byte()
    {
        var (bundle, file) = await RealBundleAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-3.0.0"));

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file));

        ResultAssert.Verified(result);
        Assert.Equal(
            ["EvidenceSubmitted", "StorageConfirmed", "AccessRecorded", "TransferOffered", "TransferAccepted"],
            result.Transactions.Select(t => t.Role));
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.OrdererSignatures && c.Outcome == CheckOutcome.Passed);

        file[0] ^= 0x20;
        var changed = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file));
        ResultAssert.FailedExactly(changed, VerificationCheckNames.FileDigest);
    }

    [Fact]
    public async Task The_real_bundle_includes_the_configuration_the_definition_commit_and_headers_for_the_approvals()
    {
        var (bundle, _) = await RealBundleAsync();

        var blocks = bundle.Manifest.Entries.Where(e => e.Kind == BundleEntryKind.Block).ToDictionary(e => e.BlockNumber!.Value, e => e.IncludedFor);

        Assert.Equal(BlockPurposes.Configuration, blocks[0]);
        Assert.Equal(BlockPurposes.ChaincodeDefinition, blocks[3]);
        Assert.Equal(new ulong[] { 0, 3, 4, 5, 6, 7, 8 }, blocks.Keys.Order());
        Assert.Equal(2, bundle.Manifest.Entries.Single(e => e.Kind == BundleEntryKind.Headers).HeaderCount);
    }

    [Fact]
    public async Task A_real_bundle_with_one_flipped_signature_byte_is_not_verified()
    {
        var (bundle, file) = await RealBundleAsync();
        var tampered = bundle.ChangeBlock(5, b => b.Data.Data[0] = Flip(b.Data.Data[0], b.Data.Data[0].Length - 2));

        var result = await new BundleVerifier().VerifyAsync(tampered, new MemoryStream(file));

        ResultAssert.FailedWith(result, VerificationCheckNames.BlockDataHash, block: 5);
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorSignature);
    }

    [Fact]
    public async Task The_real_orderer_signature_covers_the_last_configuration_index()
    {
        var (bundle, file) = await RealBundleAsync();
        var tampered = bundle.ChangeBlock(8, b =>
        {
            var metadata = Protocol.Common.Metadata.Parser.ParseFrom(b.Metadata.Metadata[0]);
            var orderer = Protocol.Common.OrdererBlockMetadata.Parser.ParseFrom(metadata.Value);
            orderer.LastConfig.Index = 3;
            metadata.Value = Google.Protobuf.MessageExtensions.ToByteString(orderer);
            b.Metadata.Metadata[0] = Google.Protobuf.MessageExtensions.ToByteString(metadata);
        });

        var result = await new BundleVerifier().VerifyAsync(tampered, new MemoryStream(file));

        ResultAssert.FailedWith(result, VerificationCheckNames.ConfigurationInForce, block: 8);
    }

    [Fact]
    public async Task A_real_bundle_with_a_changed_file_byte_is_not_verified()
    {
        var (bundle, file) = await RealBundleAsync();
        file[^2] ^= 0x01;

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file));

        ResultAssert.FailedExactly(result, VerificationCheckNames.FileDigest);
    }

    internal static async Task<(EvidenceBundle Bundle, byte[] File)> RealBundleAsync(string? directory = null)
    {
        directory ??= Fixture;
        var blocks = Directory.GetFiles(Path.Combine(directory, "blocks"), "*.block").Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f));
        using var item = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "item.json")));
        var request = new BundleRequest
        {
            Chaincode = item.RootElement.GetProperty("chaincode").GetString()!,
            Items =
            [
                new BundleItemRequest
                {
                    ItemId = item.RootElement.GetProperty("itemId").GetString()!,
                    TransactionIds = [.. item.RootElement.GetProperty("transactionIds").EnumerateArray().Select(t => t.GetString()!)],
                },
            ],
        };
        var bundle = await new EvidenceBundleBuilder(new InMemoryBlockSource(blocks)).BuildAsync(request);
        return (bundle, File.ReadAllBytes(Path.Combine(directory, "evidence-file.bin")));
    }

    private static Google.Protobuf.ByteString Flip(Google.Protobuf.ByteString bytes, int offset)
    {
        var copy = bytes.ToByteArray();
        copy[offset] ^= 0x01;
        return Google.Protobuf.ByteString.CopyFrom(copy);
    }
}
