using System.Text;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>No claim value, salt or disclosure reaches the ledger; every peer endorses the same writes; one event per transaction.</summary>
public sealed class PrivacyAndDeterminismTests
{
    [Fact]
    public async Task Blocks_and_state_hold_no_claim_value_salt_or_disclosure()
    {
        await using var w = await new World().SetUpAsync();
        var (record, credential) = await w.IssueAsync();
        await w.ConsentAsync(record.Id, "consent-p");
        await w.RecordVerificationAsync(record.Id, "consent-p", w.Present(credential, "p1"), "p1");
        await w.OkAsync<CredentialRecord>(Issuer1, "Suspend", [record.Id, StatusReasonCodes.UnderInvestigation]);
        await w.RecordVerificationAsync(record.Id, "consent-p", w.Present(credential, "p2"), "p2");
        await w.RecordVerificationAsync(record.Id, "consent-p", w.Present(credential, "p3", "Org2MSP", "birthdate"), "p3"); // refused: beyond consent
        await w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [record.Id, StatusReasonCodes.FactsChanged]);

        // What the blocks carry: each transaction's arguments, write set keys, private write hashes and event; and the state with its history.
        var published = new List<string>();
        foreach (var tx in w.Ledger.Transactions)
        {
            published.AddRange(tx.Args.Select(a => Encoding.UTF8.GetString(a)));
            published.AddRange(tx.WrittenKeys);
            published.AddRange(tx.PrivateWrites.Select(p => p.KeyHash + p.ValueHash));
            if (tx.Event is { } e)
            {
                published.Add(e.Name + Encoding.UTF8.GetString(e.Payload));
            }
        }

        foreach (var kv in w.Ledger.GetAllState())
        {
            published.Add(kv.Key + "=" + Encoding.UTF8.GetString(kv.Value));
            published.AddRange(w.Ledger.GetHistory(kv.Key).Select(h => Encoding.UTF8.GetString(h.Value)));
        }

        published.AddRange(w.Outcomes.Select(o => o.PayloadText + o.Message));
        Assert.True(published.Count > 100);
        Assert.Contains(published, p => p.Contains(record.Issuance!.DisclosureDigests[0], StringComparison.Ordinal));
        var secrets = World.PersonalValues
            .Concat(credential.Disclosures.Select(d => d.Salt))
            .Concat(credential.Disclosures.Select(d => d.Encoded))
            .Append(credential.IssuerSignedJwt.Split('.')[1]);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(published, p => p.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Empty(w.Ledger.Transactions.SelectMany(t => t.PrivateWrites));
    }

    [Fact]
    public async Task Two_endorsing_peers_produce_the_same_responses_writes_and_events()
    {
        await using var w = await new World().SetUpAsync();
        var reserve = await w.EndorseTwiceAsync(Issuer1, "ReserveStatus", ["cred-det", World.Vct]);
        Assert.Equal(reserve[0], reserve[1]);

        var (record, credential) = await w.IssueAsync();
        var consent = await w.EndorseTwiceAsync(Wallet, "RecordConsent", [record.Id, w.ConsentToken(record.Id, "consent-d"), w.Holder.PublicKey.ToJwkJson()]);
        Assert.Equal(consent[0], consent[1]);
        await w.ConsentAsync(record.Id, "consent-d");
        var verify = await w.EndorseTwiceAsync(Verifier2, "RecordVerification", [record.Id, "consent-d", World.Purpose, "d1"],
            World.Transient(IdentityTransientKeys.Presentation, w.Present(credential, "d1")));
        Assert.Equal(verify[0], verify[1]);
        Assert.Contains("passed", verify[0].Response, StringComparison.Ordinal);

        var second = await w.ReserveAsync(w.NewId());
        var issuance = await w.EndorseTwiceAsync(Issuer1, "RecordIssuance", [second.Id], World.Transient(IdentityTransientKeys.Credential, w.Sign(second).SdJwt));
        Assert.Equal(issuance[0], issuance[1]);
    }

    [Fact]
    public async Task The_same_transactions_give_the_same_state_on_two_ledgers()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var a = await new World(start).SetUpAsync();
        await using var b = await new World(start).SetUpAsync();
        var reservedA = await a.ReserveAsync("cred-same");
        var reservedB = await b.ReserveAsync("cred-same");
        Assert.Equal(reservedA.StatusIndex, reservedB.StatusIndex);

        // One credential, signed once, recorded on both.
        var credential = a.Sign(reservedA);
        Assert.True((await a.RecordIssuanceAsync("cred-same", credential.SdJwt)).IsSuccess);
        Assert.True((await b.RecordIssuanceAsync("cred-same", credential.SdJwt)).IsSuccess);
        Assert.Equal(a.Snapshot(), b.Snapshot());
    }

    [Fact]
    public async Task Every_submitted_transaction_sets_exactly_one_named_event()
    {
        await using var w = await new World().SetUpAsync();
        var (record, credential) = await w.IssueAsync();
        await w.ConsentAsync(record.Id, "consent-e");
        await w.RecordVerificationAsync(record.Id, "consent-e", w.Present(credential, "e1"), "e1");
        foreach (var tx in w.Ledger.Transactions)
        {
            Assert.NotNull(tx.Event);
            var payload = FabricEvidence.Chaincode.ChaincodeJson.Deserialize<IdentityEvent>(tx.Event.Payload);
            Assert.Equal(tx.Event.Name, payload.Type);
            Assert.Equal(tx.TxId, payload.By.TxId);
        }

        Assert.Equal(
            [IdentityEventTypes.RegistryInitialized, IdentityEventTypes.CredentialTypeRegistered, IdentityEventTypes.ChangeProposed, IdentityEventTypes.ChangeApplied,
             IdentityEventTypes.StatusReserved, IdentityEventTypes.CredentialIssued, IdentityEventTypes.ConsentRecorded, IdentityEventTypes.VerificationRecorded],
            w.Ledger.Transactions.Select(t => t.Event!.Name));
    }
}
