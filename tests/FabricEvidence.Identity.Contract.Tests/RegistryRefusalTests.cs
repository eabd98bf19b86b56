using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>Refusals of registry initialisation, change proposals and credential types; each writes nothing.</summary>
public sealed class RegistryRefusalTests : IAsyncLifetime
{
    private World _w = null!;

    public async Task InitializeAsync() => _w = await new World().SetUpAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<Outcome> Propose(Party who, string id, string kind, string payload, string? expires = null) =>
        _w.RunAsync(who, "ProposeChange", [id, kind, payload, expires ?? _w.In(TimeSpan.FromDays(1))]);

    [Fact]
    public async Task Initialize_needs_an_administrator()
    {
        await using var fresh = new World();
        await fresh.RefusedAsync(IdentityErrorCodes.Forbidden, () => fresh.RunAsync(Issuer1, "Initialize", ["[\"Org1MSP\"]"]));
    }

    [Fact]
    public async Task Initialize_must_include_the_callers_organisation()
    {
        await using var fresh = new World();
        await fresh.RefusedAsync(IdentityErrorCodes.Forbidden, () => fresh.RunAsync(OutsiderAdmin, "Initialize", ["[\"Org1MSP\",\"Org2MSP\"]"]));
    }

    [Theory]
    [InlineData("Org1MSP")]
    [InlineData("[]")]
    [InlineData("[\"Org1MSP\",\"Org1MSP\"]")]
    [InlineData("[\"Org1MSP\",\"bad msp\"]")]
    [InlineData("[\"Org1MSP\",42]")]
    public async Task Initialize_refuses_malformed_organisations(string organisations)
    {
        await using var fresh = new World();
        await fresh.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => fresh.RunAsync(Admin1, "Initialize", [organisations]));
    }

    [Fact]
    public async Task Initialize_refuses_more_than_32_organisations()
    {
        await using var fresh = new World();
        var many = World.Json(Enumerable.Range(0, 33).Select(i => "Org" + i + "MSP").Append("Org1MSP").Distinct());
        await fresh.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => fresh.RunAsync(Admin1, "Initialize", [many]));
    }

    [Fact]
    public async Task Initialize_runs_once() =>
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RunAsync(Admin2, "Initialize", ["[\"Org2MSP\"]"]));

    [Fact]
    public async Task Nothing_works_before_initialisation()
    {
        await using var fresh = new World();
        await fresh.RefusedAsync(IdentityErrorCodes.WrongState, () => fresh.RunAsync(Admin1, "RegisterCredentialType", [World.Vct, "[\"a\"]", "[]"]));
    }

    [Fact]
    public async Task Proposals_need_an_administrator_of_a_registry_organisation()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Propose(Issuer1, "p1", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}"));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Propose(OutsiderAdmin, "p1", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}"));
    }

    [Theory]
    [InlineData("addIssuer")]
    [InlineData("0")]
    [InlineData("DeleteEverything")]
    public async Task Unknown_proposal_kinds_are_refused(string kind) =>
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", kind, _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP")));

    [Fact]
    public async Task Proposal_expiry_must_be_within_30_days_ahead()
    {
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}", _w.In(TimeSpan.FromMinutes(-1))));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}", _w.In(TimeSpan.FromDays(31))));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}", "tomorrow"));
    }

    [Theory]
    [InlineData("{\"issuerId\":\"https://x\",\"extra\":1}")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task Malformed_payloads_are_refused(string payload) =>
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "AddIssuer", payload));

    [Fact]
    public async Task Issuer_specifications_are_checked()
    {
        var badFingerprint = _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP").Replace(Bank2.Fingerprint, "ABC", StringComparison.Ordinal);
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "AddIssuer", badFingerprint));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org9MSP")));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "AddIssuer", _w.IssuerSpecJson(Bank2, "no scheme", mspId: "Org2MSP")));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Propose(Admin1, "p1", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP", validFrom: _w.Now.AddDays(2), validUntil: _w.Now.AddDays(1))));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => Propose(Admin1, "p1", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP", types: ["urn:unregistered"])));
    }

    [Fact]
    public async Task Adding_an_existing_issuer_or_removing_an_unknown_one_is_refused()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => Propose(Admin1, "p1", "AddIssuer", _w.IssuerSpecJson()));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => Propose(Admin1, "p1", "RemoveIssuer", "{\"issuerId\":\"https://nobody.example\"}"));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => Propose(Admin1, "p1", "UpdateIssuer", _w.IssuerSpecJson(Bank2, "https://nobody.example", mspId: "Org2MSP")));
    }

    [Fact]
    public async Task Proposal_ids_are_never_reused() =>
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => Propose(Admin3, "p-issuer", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}"));

    [Fact]
    public async Task An_organisation_approves_once()
    {
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-bank", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP"), _w.In(TimeSpan.FromDays(1))]);
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RunAsync(Admin1, "ApproveChange", ["p-bank"]));
    }

    [Fact]
    public async Task Approving_unknown_applied_or_withdrawn_proposals_is_refused()
    {
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RunAsync(Admin3, "ApproveChange", ["p-none"]));
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Admin3, "ApproveChange", ["p-issuer"]));
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-bank", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP"), _w.In(TimeSpan.FromDays(1))]);
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Admin2, "WithdrawChange", ["p-bank"]));
        await _w.OkAsync<ChangeProposal>(Admin1, "WithdrawChange", ["p-bank"]);
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Admin2, "ApproveChange", ["p-bank"]));
    }

    [Fact]
    public async Task Expired_proposals_cannot_be_approved()
    {
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-bank", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.example", mspId: "Org2MSP"), _w.In(TimeSpan.FromHours(1))]);
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromHours(2));
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Admin2, "ApproveChange", ["p-bank"]));
    }

    [Fact]
    public async Task One_certificate_cannot_act_as_two_issuers()
    {
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-twin", "AddIssuer", _w.IssuerSpecJson(Issuer1, "https://twin.org1.example.com"), _w.In(TimeSpan.FromDays(1))]);
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RunAsync(Admin2, "ApproveChange", ["p-twin"]));
    }

    [Fact]
    public async Task Credential_types_need_an_administrator_and_valid_claims()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Issuer1, "RegisterCredentialType", ["urn:t", "[\"a\"]", "[]"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Admin1, "RegisterCredentialType", ["urn:t", "[\"iss\"]", "[]"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Admin1, "RegisterCredentialType", ["urn:t", "[\"a\"]", "[\"b\"]"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Admin1, "RegisterCredentialType", ["not a uri", "[\"a\"]", "[]"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Admin1, "RegisterCredentialType", ["urn:t", "[\"a b\"]", "[]"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Admin1, "RegisterCredentialType", ["urn:t", World.Json(Enumerable.Range(0, 65).Select(i => "c" + i)), "[]"]));
    }

    [Fact]
    public async Task Queries_refuse_unknown_and_malformed_keys()
    {
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RunAsync(NoRole, "GetCredential", ["cred-none"], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(NoRole, "FindCredentialByHash", ["short"], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RunAsync(NoRole, "GetStatusList", ["https://status.example/none"], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(NoRole, "GetConsent", ["bad id!"], submit: false));
    }
}
