using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.Evidence.Contract.Internal;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>Queries by id, case, holder and state with pagination; the history; the indexes' consistency with the records.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private readonly Ledger _ledger = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Pages_walk_an_index_in_id_order_without_gaps_or_repeats()
    {
        var ids = Enumerable.Range(0, 25).Select(i => $"EV-{i:D2}").ToList();
        foreach (var id in ids.AsEnumerable().Reverse())
        {
            (await _ledger.SubmitItemAsync(id, caseReference: "CASE-P")).EnsureSuccess();
        }

        (await _ledger.SubmitItemAsync("EV-OTHER", caseReference: "CASE-PX")).EnsureSuccess();

        var seen = new List<string>();
        var bookmarks = new List<string>();
        var bookmark = string.Empty;
        do
        {
            var page = await _ledger.QueryAsync<EvidencePage>("ListByCase", "CASE-P", "10", bookmark);
            seen.AddRange(page.Items.Select(i => i.Id));
            bookmark = page.Bookmark;
            bookmarks.Add(bookmark);
        }
        while (bookmark.Length > 0);

        Assert.Equal(ids, seen);
        Assert.Equal(3, bookmarks.Count);
        Assert.All(bookmarks.SkipLast(1), b => Assert.Matches("^[A-Za-z0-9_-]+$", b));
    }

    [Fact]
    public async Task Holder_state_and_pending_queries_follow_every_change()
    {
        (await _ledger.SubmitItemAsync("EV-A")).EnsureSuccess();
        await _ledger.StoreAsync("EV-B");
        await _ledger.StoreAsync("EV-C");
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-B", "Org2MSP", "Analysis"]);
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-C", "Org3MSP", "Analysis"]);
        await _ledger.OkAsync<EvidenceRecord>(Custodian3, "AcceptTransfer", ["EV-C"]);

        Assert.Equal(["EV-A"], await IdsAsync("ListPendingConfirmations", "10", string.Empty));
        Assert.Equal(["EV-A"], await IdsAsync("ListByState", "Submitted", "10", string.Empty));
        Assert.Equal(["EV-B", "EV-C"], await IdsAsync("ListByState", "Stored", "10", string.Empty));
        Assert.Equal(["EV-B"], await IdsAsync("ListPendingTransfers", string.Empty, "10", string.Empty));
        Assert.Equal(["EV-B"], await IdsAsync("ListPendingTransfers", "Org2MSP", "10", string.Empty));
        Assert.Empty(await IdsAsync("ListPendingTransfers", "Org3MSP", "10", string.Empty));
        Assert.Equal(["EV-A", "EV-B"], await IdsAsync("ListByHolder", "Org1MSP", "10", string.Empty));
        Assert.Equal(["EV-C"], await IdsAsync("ListByHolder", "Org3MSP", "10", string.Empty));
        Assert.Empty(await IdsAsync("ListByState", "Rejected", "10", string.Empty));
    }

    [Fact]
    public async Task The_history_lists_every_version_with_its_transaction_and_party()
    {
        var submitted = (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();
        var confirmed = (await _ledger.SubmitAsync(Storage1, "ConfirmStorage", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "s3://b/EV-1", "v1"])).EnsureSuccess();
        await _ledger.OkAsync<AccessRecord>(Investigator1, "RecordAccess", ["EV-1", "Review"]);
        var offered = (await _ledger.SubmitAsync(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"])).EnsureSuccess();
        var accepted = (await _ledger.SubmitAsync(Custodian2, "AcceptTransfer", ["EV-1"])).EnsureSuccess();
        var held = (await _ledger.SubmitAsync(Judge, "PlaceHold", ["EV-1", "H1", "Trial"])).EnsureSuccess();

        var history = await _ledger.QueryAsync<List<HistoryEntry>>("GetHistory", "EV-1");

        var expected = new[] { submitted, confirmed, offered, accepted, held };
        Assert.Equal(expected.Select(r => r.TxId), history.Select(h => h.TxId));
        Assert.Equal(expected.Select(r => r.Timestamp), history.Select(h => h.Timestamp));
        Assert.Equal(expected.Select(r => r.TxId), history.Select(h => h.Record.LastChange.By.TxId));
        Assert.Equal(
            [EvidenceEventTypes.EvidenceSubmitted, EvidenceEventTypes.StorageConfirmed, EvidenceEventTypes.TransferOffered, EvidenceEventTypes.TransferAccepted, EvidenceEventTypes.HoldPlaced],
            history.Select(h => h.Record.LastChange.Type));
        Assert.Equal(["Org1MSP", "Org1MSP", "Org1MSP", "Org2MSP", "Org2MSP"], history.Select(h => h.Record.Holder));
        Assert.Equal(
            [Fingerprint(Investigator1), Fingerprint(Storage1), Fingerprint(Custodian1), Fingerprint(Custodian2), Fingerprint(Judge)],
            history.Select(h => h.Record.LastChange.By.CertificateFingerprint));
    }

    [Fact]
    public async Task Digest_verification_tells_a_match_from_a_mismatch()
    {
        await _ledger.StoreAsync("EV-1");

        var match = await _ledger.QueryAsync<DigestVerification>("VerifyDigest", "EV-1", DigestAlgorithms.Sha256, Ledger.Sha);
        var mismatch = await _ledger.QueryAsync<DigestVerification>("VerifyDigest", "EV-1", DigestAlgorithms.Sha256, Ledger.OtherSha);

        Assert.Equal(new DigestVerification("EV-1", DigestAlgorithms.Sha256, Ledger.Sha, Ledger.Sha, true, EvidenceState.Stored, true, false, false), match);
        Assert.False(mismatch.Matches);
        Assert.Equal(Ledger.Sha, mismatch.RecordedDigest);
    }

    [Fact]
    public async Task After_a_life_of_changes_the_indexes_hold_exactly_what_the_records_imply()
    {
        await Scenario.RunAsync(_ledger);

        var state = _ledger.State.GetAllState();
        var stub = _ledger.State.CreateStub("check");
        var store = new EvidenceStore(stub);
        var records = state.Where(kv => kv.Key.StartsWith("\0evidence\0", StringComparison.Ordinal)).Select(kv => ChaincodeJson.Deserialize<EvidenceRecord>(kv.Value)).ToList();
        var indexPrefixes = new[] { "\0evidence~case\0", "\0evidence~holder\0", "\0evidence~state\0", "\0evidence~pending\0", "\0evidence~derivative\0" };

        var expected = records.SelectMany(store.IndexKeys).Order(StringComparer.Ordinal).Select(Ledger.Show);
        var actual = state.Select(kv => kv.Key).Where(k => indexPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).Order(StringComparer.Ordinal).Select(Ledger.Show);

        Assert.True(records.Count >= 5);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_forged_index_entry_is_not_returned_as_a_match()
    {
        await _ledger.StoreAsync("EV-1");
        _ledger.State.Seed([new Chaincode.KeyValue("\0evidence~holder\0Org9MSP\0EV-1\0", [0])]);

        Assert.Empty(await IdsAsync("ListByHolder", "Org9MSP", "10", string.Empty));
        Assert.Equal(["EV-1"], await IdsAsync("ListByHolder", "Org1MSP", "10", string.Empty));
    }

    [Fact]
    public async Task A_bookmark_of_one_query_is_refused_by_another()
    {
        foreach (var id in new[] { "EV-1", "EV-2", "EV-3" })
        {
            (await _ledger.SubmitItemAsync(id)).EnsureSuccess();
        }

        var page = await _ledger.QueryAsync<EvidencePage>("ListByCase", "CASE-1", "1", string.Empty);

        Assert.NotEmpty(page.Bookmark);
        var refused = await _ledger.EvaluateAsync(Judge, "ListByHolder", "Org1MSP", "1", page.Bookmark);
        Assert.StartsWith(EvidenceErrorCodes.InvalidArgument + ": ", refused.Message, StringComparison.Ordinal);
        var key = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(page.Bookmark));
        Assert.Equal("\0evidence~case\0CASE-1\0EV-2\0", key);
    }

    private async Task<List<string>> IdsAsync(string function, params string[] args) =>
        (await _ledger.QueryAsync<EvidencePage>(function, args)).Items.Select(i => i.Id).ToList();
}
