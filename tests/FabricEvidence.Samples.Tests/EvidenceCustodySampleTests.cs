using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceCustody;

namespace FabricEvidence.Samples.Tests;

/// <summary>The sample contract, tested the way its authors would: through the host, by transaction name.</summary>
public sealed class EvidenceCustodySampleTests : IAsyncLifetime
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly TestIdentity Investigator = TestIdentity.Create("PoliceMSP", "det.smith", new Dictionary<string, string> { ["role"] = "investigator" });
    private static readonly TestIdentity PoliceClerk = TestIdentity.Create("PoliceMSP", "clerk", new Dictionary<string, string> { ["role"] = "clerk" });
    private static readonly TestIdentity LabCustodian = TestIdentity.Create("LabMSP", "lab.custodian", new Dictionary<string, string> { ["role"] = "custodian" });
    private static readonly TestIdentity CourtCustodian = TestIdentity.Create("CourtMSP", "court.custodian", new Dictionary<string, string> { ["role"] = "custodian" });
    private static readonly TestIdentity LabAnalyst = TestIdentity.Create("LabMSP", "analyst", new Dictionary<string, string> { ["role"] = "analyst" });

    private readonly ContractTestHost _host = ContractTestHost.Create<EvidenceContract>();

    public Task InitializeAsync()
    {
        _host.Identity = Investigator;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<TestTransactionResult> RegisterAsync(string id, string caseId = "CASE-1", byte[]? details = null) =>
        _host.InvokeAsync(new TestTransaction
        {
            Function = "custody:Register",
            Args = [id, caseId, Digest, "Phone"],
            Transient = details is null ? null : new Dictionary<string, byte[]> { [EvidenceContract.DetailsTransientKey] = details },
        });

    private Task<TestTransactionResult> AsAsync(TestIdentity identity, string function, params string[] args) =>
        _host.InvokeAsync(new TestTransaction { Function = function, Args = args, Identity = identity });

    [Fact]
    public async Task Investigator_registers_evidence_with_the_transaction_timestamp_and_an_event()
    {
        var result = await RegisterAsync("EV-1");

        var item = result.EnsureSuccess().PayloadAs<EvidenceItem>();
        Assert.Equal("PoliceMSP", item.Holder);
        Assert.Equal(result.Timestamp, item.RegisteredAt);
        Assert.Equal(ClientIdentity.FromCreator(Investigator.ToSerializedIdentity()).GetId(), item.RegisteredBy);
        Assert.Equal("EvidenceRegistered", result.Event!.Name);
        Assert.Equal($$"""{"caseId":"CASE-1","digest":"{{Digest}}","id":"EV-1"}""", Encoding.UTF8.GetString(result.Event.Payload));
        Assert.Equal(result.PayloadText, _host.Ledger.GetStateText("EV-1"));
    }

    [Fact]
    public async Task Registration_is_refused_without_the_investigator_role_and_writes_nothing()
    {
        _host.Identity = PoliceClerk;

        var result = await RegisterAsync("EV-1");

        Assert.Equal("Access denied: the client's attribute 'role' is 'clerk', not 'investigator'.", result.Message);
        Assert.Empty(_host.Ledger.GetAllState());
    }

    [Theory]
    [InlineData("EV 1", Digest, "The id 'EV 1' must be 1 to 64 ASCII letters")]
    [InlineData("EV-1", "ABC", "The digest 'ABC' is not a lowercase hex SHA-256.")]
    [InlineData("EV-1", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "is not a lowercase hex SHA-256")]
    public async Task Bad_input_is_refused_and_nothing_is_written(string id, string digest, string expected)
    {
        var result = await _host.SubmitAsync("custody:Register", [id, "CASE-1", digest, "Phone"]);

        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ledger.Transactions);
    }

    [Fact]
    public async Task Registering_an_id_twice_is_refused()
    {
        await RegisterAsync("EV-1");

        var again = await RegisterAsync("EV-1");

        Assert.Equal("Evidence EV-1 is already registered.", again.Message);
    }

    [Fact]
    public async Task Private_details_go_to_the_collection_and_only_their_hash_is_public()
    {
        var details = Encoding.UTF8.GetBytes("""{"seizedFrom":"J. Doe","location":"12 Harbour St"}""");

        var item = (await RegisterAsync("EV-1", details: details)).EnsureSuccess().PayloadAs<EvidenceItem>();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(details)), item.PrivateDetailsHash);
        Assert.Equal(details, _host.Ledger.GetPrivateData(EvidenceContract.PrivateCollection, "EV-1"));
        Assert.DoesNotContain(_host.Ledger.GetAllState(), kv => Encoding.UTF8.GetString(kv.Value).Contains("Doe", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Ledger.Transactions[0].Args, a => Encoding.UTF8.GetString(a).Contains("Doe", StringComparison.Ordinal));
        Assert.Equal("true", (await _host.EvaluateAsync("custody:VerifyPrivateDetails", ["EV-1"])).PayloadText);
        Assert.Equal(new PrivateDetails("J. Doe", "12 Harbour St"), (await _host.EvaluateAsync("custody:ReadPrivateDetails", ["EV-1"])).PayloadAs<PrivateDetails>());
    }

    [Fact]
    public async Task Malformed_private_details_are_refused()
    {
        var result = await RegisterAsync("EV-1", details: Encoding.UTF8.GetBytes("""{"seizedFrom":"x"}"""));

        Assert.StartsWith("The transient 'details' is not valid private details JSON", result.Message, StringComparison.Ordinal);
        Assert.Null(_host.Ledger.GetPrivateData(EvidenceContract.PrivateCollection, "EV-1"));
    }

    [Fact]
    public async Task Custody_moves_only_when_the_holder_offers_and_a_custodian_of_the_receiver_accepts()
    {
        await RegisterAsync("EV-1");

        var strangerOffer = await AsAsync(LabCustodian, "custody:OfferTransfer", "EV-1", "LabMSP");
        var offer = await AsAsync(Investigator, "custody:OfferTransfer", "EV-1", "LabMSP");
        var wrongOrg = await AsAsync(CourtCustodian, "custody:AcceptTransfer", "EV-1");
        var wrongRole = await AsAsync(LabAnalyst, "custody:AcceptTransfer", "EV-1");
        var accept = await AsAsync(LabCustodian, "custody:AcceptTransfer", "EV-1");

        Assert.Equal("Only the holder (PoliceMSP) can transfer custody of EV-1.", strangerOffer.Message);
        Assert.Equal(CustodyStatus.TransferPending, offer.EnsureSuccess().PayloadAs<EvidenceItem>().Status);
        Assert.Equal("No transfer of EV-1 to CourtMSP is pending.", wrongOrg.Message);
        Assert.Equal("Access denied: the client's attribute 'role' is 'analyst', not 'custodian'.", wrongRole.Message);
        var held = accept.EnsureSuccess().PayloadAs<EvidenceItem>();
        Assert.Equal(("LabMSP", CustodyStatus.Held, (string?)null), (held.Holder, held.Status, held.PendingHolder));
        Assert.Equal("TransferAccepted", accept.Event!.Name);
    }

    [Fact]
    public async Task History_is_the_custody_chain_with_transaction_ids_and_timestamps_oldest_first()
    {
        var registered = await RegisterAsync("EV-1");
        var offered = await AsAsync(Investigator, "custody:OfferTransfer", "EV-1", "LabMSP");
        var accepted = await AsAsync(LabCustodian, "custody:AcceptTransfer", "EV-1");

        var history = (await _host.EvaluateAsync("custody:History", ["EV-1"])).EnsureSuccess().PayloadAs<List<CustodyEntry>>();

        Assert.Equal(
            [
                new CustodyEntry(registered.TxId, registered.Timestamp, "PoliceMSP", CustodyStatus.Held),
                new CustodyEntry(offered.TxId, offered.Timestamp, "PoliceMSP", CustodyStatus.TransferPending),
                new CustodyEntry(accepted.TxId, accepted.Timestamp, "LabMSP", CustodyStatus.Held),
            ],
            history);
    }

    [Fact]
    public async Task Evidence_of_a_case_is_listed_page_by_page()
    {
        foreach (var id in new[] { "EV-3", "EV-1", "EV-2" })
        {
            await RegisterAsync(id, "CASE-1");
        }

        await RegisterAsync("EV-9", "CASE-2");

        var first = (await _host.EvaluateAsync("custody:ListByCase", ["CASE-1", "2", ""])).EnsureSuccess().PayloadAs<EvidencePage>();
        var second = (await _host.EvaluateAsync("custody:ListByCase", ["CASE-1", "2", first.Bookmark])).EnsureSuccess().PayloadAs<EvidencePage>();

        Assert.Equal(["EV-1", "EV-2"], first.Items.Select(i => i.Id));
        Assert.Equal(["EV-3"], second.Items.Select(i => i.Id));
        Assert.Equal(string.Empty, second.Bookmark);
    }

    [Fact]
    public async Task Page_size_is_checked_and_typed()
    {
        var tooBig = await _host.EvaluateAsync("custody:ListByCase", ["CASE-1", "500", ""]);
        var notANumber = await _host.EvaluateAsync("custody:ListByCase", ["CASE-1", "ten", ""]);

        Assert.Equal("The page size must be between 1 and 100.", tooBig.Message);
        Assert.Equal("Transaction 'custody:ListByCase': argument 2 ('pageSize') is not an integer from -2147483648 to 2147483647; got 'ten'.", notANumber.Message);
    }

    [Fact]
    public async Task Evidence_ids_can_be_listed_by_range()
    {
        foreach (var id in new[] { "EV-1", "EV-2", "EV-3" })
        {
            await RegisterAsync(id);
        }

        var items = (await _host.EvaluateAsync("custody:ListRange", ["EV-2", "EV-4"])).EnsureSuccess().PayloadAs<List<EvidenceItem>>();

        Assert.Equal(["EV-2", "EV-3"], items.Select(i => i.Id));
    }

    [Fact]
    public async Task Digest_can_be_verified()
    {
        await RegisterAsync("EV-1");

        Assert.Equal("true", (await _host.EvaluateAsync("custody:VerifyDigest", ["EV-1", Digest])).PayloadText);
        Assert.Equal("false", (await _host.EvaluateAsync("custody:VerifyDigest", ["EV-1", new string('0', 64)])).PayloadText);
    }

    [Fact]
    public async Task Replaying_the_same_transactions_gives_the_same_ledger_bytes()
    {
        async Task<IReadOnlyList<KeyValue>> RunAsync()
        {
            await using var host = ContractTestHost.Create<EvidenceContract>();
            host.Identity = Investigator;
            await host.SubmitAsync("custody:Register", ["EV-1", "CASE-1", Digest, "Phone"]);
            await host.InvokeAsync(new TestTransaction { Function = "custody:OfferTransfer", Args = ["EV-1", "LabMSP"] });
            return host.Ledger.GetAllState();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first.Select(kv => (kv.Key, Convert.ToHexString(kv.Value))), second.Select(kv => (kv.Key, Convert.ToHexString(kv.Value))));
    }

    [Fact]
    public async Task Metadata_describes_the_sample_contract()
    {
        var metadata = JsonNode.Parse(await _host.GetMetadataAsync())!;

        var contract = metadata["contracts"]!["custody"]!;
        Assert.Equal("Evidence custody", (string)contract["info"]!["title"]!);
        Assert.Contains(contract["transactions"]!.AsArray(), t => (string)t!["name"]! == "Register" && t["tag"]![0]!.GetValue<string>() == "SUBMIT");
        Assert.NotNull(metadata["components"]!["schemas"]!["EvidenceItem"]);
    }
}
