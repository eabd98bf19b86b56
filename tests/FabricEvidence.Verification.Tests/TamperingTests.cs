using System.Text;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;
using static FabricEvidence.Verification.Tests.StandardBundle;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// One altered thing in a good bundle, one test each: what a forger (or damage) changes after the bundle was made.
/// Unless a test says otherwise the forger also restates the entry's SHA-256 in the manifest, so the test shows the
/// protection Fabric's own hashes and signatures give, not only the manifest's digest.
/// </summary>
public sealed class TamperingTests(StandardBundle standard) : IClassFixture<StandardBundle>
{
    private EvidenceBundle Bundle => standard.Bundle;

    [Fact]
    public async Task The_untampered_bundle_is_verified()
    {
        ResultAssert.Verified(await VerifyAsync(Bundle));
    }

    [Fact]
    public async Task A_flipped_byte_in_an_entry_without_a_restated_digest_fails_bundle_entries()
    {
        var tampered = Bundle.FlipByte(BundleTamper.BlockPath(ConfirmBlock), 100, restateDigest: false);

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.BundleEntries, message: "blocks/6.block has SHA-256");
    }

    [Fact]
    public async Task An_entry_the_manifest_does_not_list_fails_bundle_entries()
    {
        var entries = Bundle.Entries.ToDictionary(e => e.Key, e => e.Value);
        entries["notes.txt"] = Encoding.UTF8.GetBytes("added later");

        var result = await VerifyAsync(new EvidenceBundle(Bundle.Manifest, entries));

        ResultAssert.FailedExactly(result, VerificationCheckNames.BundleEntries);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_header_fails_the_hash_chain_at_both_of_its_links()
    {
        var tampered = Bundle.ChangeHeader(5, h => h.DataHash = Flip(h.DataHash, 3));

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.BlockHashChain);
        ResultAssert.FailedWith(result, VerificationCheckNames.BlockHashChain, block: 6);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_previous_hash_fails_the_hash_chain()
    {
        var tampered = Bundle.ChangeHeader(4, h => h.PreviousHash = Flip(h.PreviousHash, 0));

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.BlockHashChain);
        ResultAssert.FailedWith(result, VerificationCheckNames.BlockHashChain, block: 4, message: "predecessor's hash");
    }

    [Fact]
    public async Task A_missing_intermediate_header_breaks_the_hash_chain()
    {
        var tampered = Bundle.DropHeader(5);

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.BlockHashChain);
        ResultAssert.FailedWith(result, VerificationCheckNames.BlockHashChain, block: 5, message: "neither block 5 nor its header");
    }

    [Fact]
    public async Task A_flipped_byte_in_block_data_fails_the_data_hash()
    {
        // The last byte of the block's only envelope: the end of the creator's signature.
        var tampered = Bundle.ChangeBlock(ConfirmBlock, b => b.Data.Data[0] = Flip(b.Data.Data[0], b.Data.Data[0].Length - 1));

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.BlockDataHash, block: ConfirmBlock);
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorSignature, transaction: standard.ConfirmTx);
    }

    [Fact]
    public async Task A_block_entry_that_is_not_a_block_fails_block_structure()
    {
        var tampered = Bundle.ChangeEntry(BundleTamper.BlockPath(ConfirmBlock), _ => [0xff, 0xff, 0xff]);

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.BlockStructure, block: ConfirmBlock);
        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, transaction: standard.ConfirmTx);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_orderer_signature_fails_orderer_signatures()
    {
        var tampered = Bundle.ChangeBlock(ConfirmBlock, b =>
        {
            var metadata = Metadata.Parser.ParseFrom(b.Metadata.Metadata[0]);
            metadata.Signatures[0].Signature = Flip(metadata.Signatures[0].Signature, 10);
            b.Metadata.Metadata[0] = metadata.ToByteString();
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.OrdererSignatures);
        ResultAssert.FailedWith(result, VerificationCheckNames.OrdererSignatures, block: ConfirmBlock);
    }

    [Fact]
    public async Task A_changed_last_configuration_index_fails_configuration_in_force_and_the_orderer_signature()
    {
        var tampered = Bundle.ChangeBlock(AcceptBlock, b =>
        {
            var metadata = Metadata.Parser.ParseFrom(b.Metadata.Metadata[0]);
            metadata.Value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 5 } }.ToByteString();
            b.Metadata.Metadata[0] = metadata.ToByteString();
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.ConfigurationInForce, block: AcceptBlock, message: "configuration of block 5");
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorIdentity, transaction: standard.AcceptTx);
    }

    [Fact]
    public async Task A_validation_flag_changed_in_the_block_fails_validation_code()
    {
        // The flags are written by the committing peer and signed by nobody: only the manifest's digest protects them.
        var tampered = Bundle.ChangeBlock(ConfirmBlock, b => b.Metadata.Metadata[2] = ByteString.CopyFrom([(byte)Protocol.Peer.TxValidationCode.MvccReadConflict]));

        var result = await VerifyAsync(tampered);

        // The next transactions read the record version the "invalid" one wrote: the endorsers' own read sets prove it was valid.
        ResultAssert.FailedExactly(result, VerificationCheckNames.ValidationCode, VerificationCheckNames.RecordHistory);
        ResultAssert.FailedWith(result, VerificationCheckNames.ValidationCode, transaction: standard.ConfirmTx, message: "MVCC_READ_CONFLICT");
        ResultAssert.FailedWith(result, VerificationCheckNames.RecordHistory, transaction: standard.AccessTx);
    }

    [Fact]
    public async Task A_changed_written_value_in_the_block_fails_the_data_hash_and_the_endorsements()
    {
        var tampered = Bundle.ChangeBlock(ConfirmBlock, b =>
        {
            var bytes = b.Data.Data[0].ToByteArray();
            var text = Encoding.Latin1.GetString(bytes);
            var at = text.IndexOf("\"state\":\"Stored\"", StringComparison.Ordinal);
            Assert.True(at > 0);
            bytes[at + 10] = (byte)'X'; // "Stored" -> "StXred"
            b.Data.Data[0] = ByteString.CopyFrom(bytes);
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.BlockDataHash, block: ConfirmBlock);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementSignatures, transaction: standard.ConfirmTx);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, transaction: standard.ConfirmTx);
    }

    [Fact]
    public async Task A_missing_chaincode_definition_block_fails_chaincode_definition()
    {
        var tampered = Bundle.DemoteToHeader(DefinitionBlock);

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.ChaincodeDefinition, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.ChaincodeDefinition, transaction: standard.SubmitTx, message: "does not include that transaction");
    }

    [Fact]
    public async Task A_missing_transaction_block_fails_transaction_structure()
    {
        var tampered = Bundle.DemoteToHeader(ConfirmBlock);

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, transaction: standard.ConfirmTx, message: "does not include in full");
    }

    [Fact]
    public async Task A_transaction_placed_in_another_block_by_the_manifest_fails_transaction_structure()
    {
        var tampered = Bundle.ChangeItem(i => i with
        {
            Transactions = [.. i.Transactions.Select(t => t.TransactionId == standard.ConfirmTx ? t with { BlockNumber = AccessAndOfferBlock } : t)],
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, transaction: standard.ConfirmTx, message: "holds no transaction");
    }

    [Fact]
    public async Task A_changed_role_in_the_manifest_fails_transaction_role()
    {
        var tampered = Bundle.ChangeItem(i => i with
        {
            Transactions = [.. i.Transactions.Select(t => t.TransactionId == standard.AcceptTx ? t with { Role = "TransferDeclined" } : t)],
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.TransactionRole);
        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionRole, transaction: standard.AcceptTx, message: "TransferAccepted");
    }

    [Fact]
    public async Task A_changed_digest_in_the_manifest_fails_the_record_digest_of_every_write_and_the_file_digest()
    {
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("another file"u8));
        var tampered = Bundle.ChangeItem(i => i with { Digest = other });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.RecordDigest, VerificationCheckNames.FileDigest);
        Assert.Equal(4, result.Failures.Count(c => c.Name == VerificationCheckNames.RecordDigest));
    }

    [Fact]
    public async Task A_changed_algorithm_in_the_manifest_fails_the_record_digest_and_the_file_digest()
    {
        var tampered = Bundle.ChangeItem(i => i with { DigestAlgorithm = DigestAlgorithms.Sm3 });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.RecordDigest, VerificationCheckNames.FileDigest);
    }

    [Fact]
    public async Task A_changed_file_byte_fails_file_digest()
    {
        var file = Scenario.File.ToArray();
        file[5] ^= 0x20;

        var result = await VerifyAsync(Bundle, file);

        ResultAssert.FailedExactly(result, VerificationCheckNames.FileDigest);
        Assert.False(result.Items[0].FileMatches);
        Assert.NotNull(result.Items[0].ComputedDigest);
    }

    [Fact]
    public async Task A_record_change_left_out_of_the_manifest_fails_record_history_at_the_next_transaction()
    {
        var tampered = Bundle.ChangeItem(i => i with { Transactions = [.. i.Transactions.Where(t => t.TransactionId != standard.ConfirmTx)] });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.RecordHistory, transaction: standard.AccessTx, message: "a change of the record is missing");
    }

    [Fact]
    public async Task A_bundle_that_starts_after_the_records_creation_fails_record_history()
    {
        var tampered = Bundle.ChangeItem(i => i with { Transactions = [.. i.Transactions.Where(t => t.TransactionId != standard.SubmitTx)] });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.RecordHistory, transaction: standard.ConfirmTx, message: "does not start with the record's creation");
    }

    [Fact]
    public async Task A_changed_record_key_in_the_manifest_fails_record_write()
    {
        var tampered = Bundle.ChangeItem(i => i with { RecordKey = RecordKeys.EvidenceRecord("EV-2024-0002") });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.RecordWrite, transaction: standard.SubmitTx, message: "neither reads nor writes");
    }

    [Fact]
    public async Task A_changed_item_id_in_the_manifest_fails_record_write()
    {
        var tampered = Bundle.ChangeItem(i => i with { Id = "EV-2024-0009" });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.RecordWrite, transaction: standard.SubmitTx, message: "has the id 'EV-2024-0001'");
    }

    [Fact]
    public async Task A_changed_channel_in_the_manifest_fails_channel_configuration_and_every_transaction()
    {
        var tampered = Bundle.ChangeManifest(m => m with { Channel = "other" });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.ChannelConfiguration, block: 0, message: "not 'other'");
        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, transaction: standard.SubmitTx, message: "not 'other'");
    }

    [Fact]
    public async Task A_changed_hash_chain_range_in_the_manifest_fails_manifest()
    {
        var tampered = Bundle.ChangeManifest(m => m with { LastBlock = m.LastBlock + 1 });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedWith(result, VerificationCheckNames.Manifest, message: "the blocks included in full run from 0 to 9");
    }

    [Fact]
    public async Task A_wrong_purpose_in_the_manifest_fails_manifest()
    {
        var tampered = Bundle.ChangeManifest(m => m with
        {
            Entries = [.. m.Entries.Select(e => e.BlockNumber == SubmitBlock ? e with { IncludedFor = BlockPurposes.Configuration } : e)],
        });

        var result = await VerifyAsync(tampered);

        ResultAssert.FailedExactly(result, VerificationCheckNames.Manifest);
    }

    [Fact]
    public async Task Trusted_roots_that_include_every_organisation_pass_and_a_wrong_one_fails_trust_anchors()
    {
        var trusting = new BundleVerifierOptions();
        foreach (var org in new[] { standard.Ledger.Org1, standard.Ledger.Org2, standard.Ledger.OrdererOrg })
        {
            trusting.TrustedRootFingerprints.Add(org.RootFingerprint.ToUpperInvariant());
        }

        var trusted = await VerifyAsync(Bundle, options: trusting);
        ResultAssert.Verified(trusted);
        Assert.All(trusted.Organizations, o => Assert.True(o.IsTrusted));
        Assert.Contains(trusted.Checks, c => c.Name == VerificationCheckNames.TrustAnchors && c.Outcome == CheckOutcome.Passed);

        var wrong = new BundleVerifierOptions();
        wrong.TrustedRootFingerprints.Add(standard.Ledger.Org1.RootFingerprint);
        wrong.TrustedRootFingerprints.Add(standard.Ledger.OrdererOrg.RootFingerprint);
        wrong.TrustedRootFingerprints.Add(new string('0', 64));
        var result = await VerifyAsync(Bundle, options: wrong);
        ResultAssert.FailedExactly(result, VerificationCheckNames.TrustAnchors);
        Assert.Contains(standard.Ledger.Org2.RootFingerprint, ResultAssert.FailedWith(result, VerificationCheckNames.TrustAnchors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_file_the_verdict_is_incomplete_and_says_which_item()
    {
        var result = await new BundleVerifier().VerifyAsync(Bundle);

        Assert.Equal(VerificationVerdict.Incomplete, result.Verdict);
        var skipped = Assert.Single(result.Checks, c => c.Name == VerificationCheckNames.FileDigest);
        Assert.Equal(CheckOutcome.Skipped, skipped.Outcome);
        Assert.Equal(standard.Item.Id, skipped.ItemId);
    }

    [Fact]
    public async Task A_file_for_an_item_the_bundle_does_not_hold_fails_file_digest()
    {
        var result = await new BundleVerifier().VerifyAsync(Bundle, [new EvidenceFile("EV-OTHER", new MemoryStream(Scenario.File))]);

        ResultAssert.FailedWith(result, VerificationCheckNames.FileDigest, message: "which the bundle does not hold");
    }

    [Fact]
    public async Task Orderer_signatures_can_be_left_unverified_and_are_then_reported_as_skipped()
    {
        var tampered = Bundle.ChangeBlock(ConfirmBlock, b =>
        {
            var metadata = Metadata.Parser.ParseFrom(b.Metadata.Metadata[0]);
            metadata.Signatures[0].Signature = Flip(metadata.Signatures[0].Signature, 10);
            b.Metadata.Metadata[0] = metadata.ToByteString();
        });

        var result = await VerifyAsync(tampered, options: new BundleVerifierOptions { VerifyOrdererSignatures = false });

        ResultAssert.Verified(result);
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.OrdererSignatures && c.Outcome == CheckOutcome.Skipped);
    }

    private static ByteString Flip(ByteString bytes, int offset)
    {
        var copy = bytes.ToByteArray();
        copy[offset] ^= 0x01;
        return ByteString.CopyFrom(copy);
    }
}
