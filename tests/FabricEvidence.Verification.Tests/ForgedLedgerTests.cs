using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// Ledgers that are wrong in one precise way although their blocks are well chained and signed by the ordering
/// service, as if a peer had committed what it should have refused, or someone had built a whole chain: what Fabric's
/// validation would have caught, the verifier must catch on its own.
/// </summary>
public sealed class ForgedLedgerTests
{
    [Fact]
    public async Task A_creator_signature_that_does_not_verify_fails_creator_signature()
    {
        string? tx = null;
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            var confirm = ledger.ConfirmStorage(item, new TransactionOptions { TamperCreatorSignature = s => Flip(s, 20) });
            tx = confirm.TransactionId;
            ledger.Commit(confirm);
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.CreatorSignature);
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorSignature, transaction: tx);
    }

    [Fact]
    public async Task An_endorsement_signature_that_does_not_verify_fails_the_signatures_and_then_the_policy()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { TamperEndorsementSignature = (i, s) => i == 1 ? Flip(s, 30) : s }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementSignatures, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementSignatures, message: "endorsement 2 by Org2MSP");
    }

    [Fact]
    public async Task A_high_S_endorsement_signature_is_refused_as_Fabric_refuses_it()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { TamperEndorsementSignature = (i, s) => i == 0 ? TestIdentity.ToHighS(s) : s }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementSignatures, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementSignatures, message: "half the curve order");
    }

    [Fact]
    public async Task An_endorsement_by_a_certificate_from_a_foreign_CA_fails_the_signatures_and_the_policy()
    {
        using var rogue = TestOrganization.Create("Org2MSP", "org2.example.com");
        using var scenario = Scenario.Create((ledger, item) =>
        {
            var impostor = rogue.Issue("peer0.org2.example.com", "peer");
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Org1Peer, impostor] }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementSignatures, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementSignatures, message: "does not chain to a root CA of Org2MSP");
    }

    [Fact]
    public async Task A_creator_certificate_from_a_foreign_CA_fails_creator_identity()
    {
        using var rogue = TestOrganization.Create("Org1MSP", "org1.example.com");
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Creator = rogue.Issue("Investigator@org1.example.com", "client", "investigator") }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.CreatorIdentity);
    }

    [Fact]
    public async Task A_creator_certificate_expired_at_the_transaction_time_fails_creator_identity()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            var expired = ledger.Org1.Issue("Investigator2@org1.example.com", "client", "investigator",
                notBefore: TestOrganization.Epoch.AddDays(-30), notAfter: TestOrganization.Epoch.AddDays(-1));
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Creator = expired }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.CreatorIdentity);
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorIdentity, message: "is not valid at");
    }

    [Fact]
    public async Task A_creator_revoked_by_the_configurations_CRL_fails_creator_identity()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.Org1.Revoke(ledger.Custodian1);
            ledger.CommitConfiguration();
            ledger.Commit(ledger.ConfirmStorage(item));
            ledger.Commit(ledger.RecordAccess(item));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.CreatorIdentity);
        ResultAssert.FailedWith(result, VerificationCheckNames.CreatorIdentity, message: "revoked");
    }

    [Fact]
    public async Task An_endorsement_policy_that_is_not_satisfied_fails_endorsement_policy()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Org1Peer] }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, message: "AND('Org1MSP.peer','Org2MSP.peer')");
    }

    [Fact]
    public async Task A_key_level_policy_that_is_not_satisfied_fails_endorsement_policy()
    {
        // After the offer, the record's own policy needs both holder and receiver; the chaincode policy is only OR.
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.Commit(ledger.ConfirmStorage(item));
            ledger.Commit(ledger.OfferTransfer(item));
            ledger.Commit(ledger.AcceptTransfer(item, new TransactionOptions { Endorsers = [ledger.Org2Peer] }));
        }, policy: new ApplicationPolicy { SignaturePolicy = Policies.OutOf(1, ("Org1MSP", Role.Peer), ("Org2MSP", Role.Peer)) });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, transaction: scenario.Item.TransactionIds[3], message: "key-level policy");
    }

    [Fact]
    public async Task An_endorsement_by_a_client_where_the_policy_requires_a_peer_fails_endorsement_policy()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Investigator, ledger.Org2Peer] }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementPolicy);
        Assert.Contains("Org1MSP (client)", ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_validation_flag_fails_validation_code()
    {
        string? tx = null;
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            var rejected = ledger.ConfirmStorage(item, new TransactionOptions { ValidationCode = TxValidationCode.EndorsementPolicyFailure });
            tx = rejected.TransactionId;
            ledger.Commit(rejected);
            ledger.Commit(ledger.ConfirmStorage(item));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.ValidationCode);
        ResultAssert.FailedWith(result, VerificationCheckNames.ValidationCode, transaction: tx, message: "ENDORSEMENT_POLICY_FAILURE");
        Assert.Equal("ENDORSEMENT_POLICY_FAILURE", result.Transactions.Single(t => t.TransactionId == tx).ValidationCodeName);
    }

    [Fact]
    public async Task A_changed_written_value_fails_record_digest()
    {
        // A storage receiver (or altered chaincode) writes a record whose digest is not the item's.
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            var forged = new EvidenceItem(item.Id, item.Key, item.DigestAlgorithm, new string('a', 64), item.Holder) { LastWrite = item.LastWrite };
            var rw = new RwSetBuilder()
                .Read(EvidenceLedger.Lifecycle, "namespaces/fields/evidence/Sequence", ledger.SequenceVersion)
                .Read(ledger.Chaincode, item.Key, item.LastWrite)
                .Write(ledger.Chaincode, item.Key, forged.WithState("Stored"));
            ledger.Commit(ledger.ConfirmStorage(item, new TransactionOptions { ReadWriteSet = rw }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.RecordDigest);
        ResultAssert.FailedWith(result, VerificationCheckNames.RecordDigest, transaction: scenario.Item.TransactionIds[1], message: new string('a', 64));
    }

    [Fact]
    public async Task A_transaction_id_that_is_not_the_hash_of_nonce_and_creator_fails_transaction_structure()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            var transaction = new EndorserTransaction
            {
                Channel = ledger.Channel.ChannelId,
                Chaincode = ledger.Chaincode,
                Creator = ledger.Storage,
                Endorsers = ledger.BothPeers,
                Function = "evidence:ConfirmStorage",
                EventName = "StorageConfirmed",
                ReadWriteSet = new RwSetBuilder()
                    .Read(EvidenceLedger.Lifecycle, "namespaces/fields/evidence/Sequence", ledger.SequenceVersion)
                    .Read(ledger.Chaincode, item.Key, item.LastWrite)
                    .Write(ledger.Chaincode, item.Key, item.WithState("Stored")).Build(),
                Timestamp = ledger.NextTime(),
                OverrideTransactionId = new string('7', 64),
            };
            var (txId, envelope) = transaction.Build();
            item.TransactionIds.Add(txId);
            ledger.Channel.AppendBlock([envelope]);
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.TransactionStructure);
        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, message: "is not SHA-256 of its nonce and creator");
    }

    [Fact]
    public async Task A_transaction_on_another_channel_fails_transaction_structure()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Channel = "elsewhere" }));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.TransactionStructure);
        ResultAssert.FailedWith(result, VerificationCheckNames.TransactionStructure, message: "on channel 'elsewhere'");
    }

    [Fact]
    public async Task A_transaction_that_does_not_touch_the_record_fails_record_write_and_record_history()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            var unrelated = ledger.Channel.Height;
            ledger.CommitUnrelated();
            item.TransactionIds.Add(TransactionIdOf(ledger, unrelated));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.RecordWrite, VerificationCheckNames.RecordHistory);
        ResultAssert.FailedWith(result, VerificationCheckNames.RecordWrite, message: "neither reads nor writes");
    }

    [Fact]
    public async Task An_upgraded_definition_is_traced_back_to_the_commit_that_wrote_its_policy()
    {
        // Sequence 2 changes only the version label: its commit writes the sequence and the endorsement info, and only
        // reads the validation info (the policy), which the bundle must then take from the sequence 1 commit.
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.CommitDefinition(new ApplicationPolicy { SignaturePolicy = Policies.AllOf(("Org1MSP", Role.Peer), ("Org2MSP", Role.Peer)) }, version: "2.0");
            ledger.Commit(ledger.ConfirmStorage(item));
        });
        var bundle = await scenario.BundleAsync();

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(Scenario.File));

        ResultAssert.Verified(result);
        Assert.Equal([1L, 2L], result.ChaincodeDefinitions.Select(d => d.Sequence).Order());
        Assert.All(bundle.Manifest.Entries.Where(e => e.BlockNumber is 1 or 3), e => Assert.True(e.IncludedFor.HasFlag(BlockPurposes.ChaincodeDefinition)));
        ResultAssert.FailedExactly(
            await new BundleVerifier().VerifyAsync(bundle.DemoteToHeader(1), new MemoryStream(Scenario.File)),
            VerificationCheckNames.ChaincodeDefinition, VerificationCheckNames.EndorsementPolicy);
    }

    [Fact]
    public async Task A_configuration_update_is_followed_and_its_CAs_apply_after_it()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.CommitConfiguration();
            ledger.Commit(ledger.ConfirmStorage(item));
        });

        var bundle = await scenario.BundleAsync();
        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(Scenario.File));

        ResultAssert.Verified(result);
        Assert.Equal(2, bundle.Manifest.Entries.Count(e => e.IncludedFor.HasFlag(BlockPurposes.Configuration)));
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.ConfigurationInForce && c.Message.Contains("configuration of block 3", StringComparison.Ordinal));
    }

    internal static string TransactionIdOf(EvidenceLedger ledger, ulong block)
    {
        var envelope = Protocol.Common.Envelope.Parser.ParseFrom(Protocol.Common.Block.Parser.ParseFrom(ledger.Channel.Blocks[(int)block]).Data.Data[0]);
        var payload = Protocol.Common.Payload.Parser.ParseFrom(envelope.Payload);
        return Protocol.Common.ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).TxId;
    }

    private static async Task<BundleVerificationResult> VerifyAsync(Scenario scenario) =>
        await new BundleVerifier().VerifyAsync(await scenario.BundleAsync(), new MemoryStream(Scenario.File));

    private static byte[] Flip(byte[] bytes, int offset)
    {
        var copy = bytes.ToArray();
        copy[offset] ^= 0x01;
        return copy;
    }
}
