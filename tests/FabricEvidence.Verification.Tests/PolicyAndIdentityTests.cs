using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Verification.Tests;

/// <summary>Endorsement policies of every kind Fabric offers, CA hierarchies, and the report fields read from certificates.</summary>
public sealed class PolicyAndIdentityTests
{
    private static readonly ApplicationPolicy ChannelMajority = new() { ChannelConfigPolicyReference = "/Channel/Application/Endorsement" };

    [Fact]
    public async Task A_channel_policy_reference_to_MAJORITY_Endorsement_is_satisfied_by_both_organisations()
    {
        using var scenario = Scenario.Create(policy: ChannelMajority);

        var result = await VerifyAsync(scenario);

        ResultAssert.Verified(result);
        Assert.Contains(result.Checks, c => c.Name == VerificationCheckNames.EndorsementPolicy
            && c.Message.Contains("channel policy /Channel/Application/Endorsement (MAJORITY Endorsement: 2 of 2", StringComparison.Ordinal));
        Assert.Equal("channel policy /Channel/Application/Endorsement", result.ChaincodeDefinitions.Single().EndorsementPolicy);
    }

    [Fact]
    public async Task A_channel_policy_reference_to_MAJORITY_Endorsement_is_not_satisfied_by_one_of_two_organisations()
    {
        using var scenario = Scenario.Create((ledger, item) => ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Org2Peer] })), policy: ChannelMajority);

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, message: "1 of 2 organisations' Endorsement policies satisfied, 2 required");
    }

    [Fact]
    public async Task A_reference_to_a_channel_policy_that_does_not_exist_is_never_satisfied()
    {
        using var scenario = Scenario.Create((ledger, item) => ledger.Commit(ledger.Submit(item)), policy: new ApplicationPolicy { ChannelConfigPolicyReference = "/Channel/Application/Nobody" });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, message: "does not define");
    }

    [Fact]
    public async Task An_OR_policy_is_satisfied_by_either_organisation_alone()
    {
        var or = new ApplicationPolicy { SignaturePolicy = Policies.OutOf(1, ("Org1MSP", Role.Peer), ("Org2MSP", Role.Peer)) };
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Org2Peer] }));
        }, policy: or);

        ResultAssert.Verified(await VerifyAsync(scenario));
    }

    [Fact]
    public async Task Two_endorsements_by_the_same_peer_count_once()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Endorsers = [ledger.Org1Peer, ledger.Org1Peer] }));
        }, policy: new ApplicationPolicy { SignaturePolicy = Policies.OutOf(2, ("Org1MSP", Role.Peer), ("Org1MSP", Role.Peer)) });

        var result = await VerifyAsync(scenario);

        ResultAssert.FailedExactly(result, VerificationCheckNames.EndorsementPolicy);
        ResultAssert.FailedWith(result, VerificationCheckNames.EndorsementPolicy, message: "same identity does not count");
    }

    [Fact]
    public async Task Identities_issued_by_an_intermediate_CA_are_verified_through_it()
    {
        using var scenario = Scenario.Create(withIntermediate: true);

        var result = await VerifyAsync(scenario);

        ResultAssert.Verified(result);
        var org1 = result.Organizations.Single(o => o.MspId == "Org1MSP");
        Assert.Equal([scenario.Ledger.Org1.RootFingerprint], org1.RootFingerprints);
        Assert.Contains("CN=ica.org1.example.com", result.Transactions[0].Creator!.Issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_fields_come_from_the_blocks_and_certificates()
    {
        var time = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item, new TransactionOptions { Timestamp = time }));
            ledger.Commit(ledger.ConfirmStorage(item));
        });

        var result = await VerifyAsync(scenario);

        ResultAssert.Verified(result);
        var submit = result.Transactions[0];
        Assert.Equal(scenario.Item.TransactionIds[0], submit.TransactionId);
        Assert.Equal(2UL, submit.BlockNumber);
        Assert.Equal(0, submit.TransactionIndex);
        Assert.Equal(new FabricTimestamp(time.ToUnixTimeSeconds(), 123456700), submit.Timestamp);
        Assert.Equal("2026-03-04T05:06:07.123456700Z", submit.Timestamp.ToString());
        Assert.Equal("evidence:Submit", submit.Function);
        Assert.Equal("EvidenceSubmitted", submit.EventName);
        Assert.Equal("EvidenceSubmitted", submit.Role);
        Assert.Equal("Org1MSP", submit.Creator!.MspId);
        Assert.Equal("investigator", submit.Creator.Role);
        Assert.Equal("client", submit.Creator.NodeRole);
        Assert.Equal(scenario.Ledger.Investigator.Fingerprint, submit.Creator.CertificateFingerprint);
        Assert.Contains("CN=Investigator@org1.example.com", submit.Creator.Subject, StringComparison.Ordinal);
        Assert.True(submit.Creator.IsValid);
        Assert.Equal(["Org1MSP", "Org2MSP"], submit.EndorsingOrganizations);
        Assert.All(submit.Endorsers, e => Assert.Equal("peer", e.NodeRole));
        Assert.Equal(0, submit.ValidationCode);
        Assert.Equal("VALID", submit.ValidationCodeName);
        Assert.Equal("Submitted", submit.RecordState);
        Assert.Equal("Org1MSP", submit.RecordHolder);
        Assert.True(submit.IsVerified);
        var confirm = result.Items.Single().Transactions[1];
        Assert.Equal("storage", confirm.Creator!.Role);
        Assert.Equal("Org2MSP", confirm.Creator.MspId);
        Assert.Equal("Stored", confirm.RecordState);
        var definition = result.ChaincodeDefinitions.Single();
        Assert.Equal(1, definition.Sequence);
        Assert.Equal("AND('Org1MSP.peer','Org2MSP.peer')", definition.EndorsementPolicy);
        Assert.Equal("CommitChaincodeDefinition", definition.CommitTransaction!.Function);
        Assert.True(definition.CommitTransaction.IsVerified);
        Assert.Equal(64, result.LastBlockHash.Length);
    }

    [Fact]
    public async Task A_bundle_of_two_items_checks_each_file_against_its_own_record()
    {
        using var scenario = Scenario.Create((ledger, item) =>
        {
            ledger.Commit(ledger.Submit(item));
            ledger.Commit(ledger.ConfirmStorage(item));
        });
        var secondFile = "a second evidence file"u8.ToArray();
        var second = scenario.Ledger.NewItem("EV-2024-0002", secondFile);
        scenario.Ledger.Commit(scenario.Ledger.Submit(second));
        var bundle = await new EvidenceBundleBuilder(scenario.Source).BuildAsync(new BundleRequest
        {
            Chaincode = "evidence",
            Items =
            [
                new BundleItemRequest { ItemId = scenario.Item.Id, TransactionIds = scenario.Item.TransactionIds },
                new BundleItemRequest { ItemId = second.Id, TransactionIds = second.TransactionIds },
            ],
        });

        var both = await new BundleVerifier().VerifyAsync(bundle, [new EvidenceFile(scenario.Item.Id, new MemoryStream(Scenario.File)), new EvidenceFile(second.Id, new MemoryStream(secondFile))]);
        var swapped = await new BundleVerifier().VerifyAsync(bundle, [new EvidenceFile(scenario.Item.Id, new MemoryStream(secondFile)), new EvidenceFile(second.Id, new MemoryStream(Scenario.File))]);

        ResultAssert.Verified(both);
        Assert.Equal(2, both.Items.Count);
        ResultAssert.FailedExactly(swapped, VerificationCheckNames.FileDigest);
        Assert.Equal(2, swapped.Failures.Count());
    }

    private static async Task<BundleVerificationResult> VerifyAsync(Scenario scenario) =>
        await new BundleVerifier().VerifyAsync(await scenario.BundleAsync(), new MemoryStream(Scenario.File));
}
