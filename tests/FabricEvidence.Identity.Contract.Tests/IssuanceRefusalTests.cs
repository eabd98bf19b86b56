using System.Text;
using System.Text.Json.Nodes;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>Refusals of status reservation, issuance recording and status changes; each writes nothing.</summary>
public sealed class IssuanceRefusalTests : IAsyncLifetime
{
    private World _w = null!;

    public async Task InitializeAsync() => _w = await new World().SetUpAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private async Task RegisterBankAsync(string[]? types = null, DateTimeOffset? validFrom = null)
    {
        await _w.OkAsync<ChangeProposal>(Admin2, "ProposeChange", ["p-bank", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.org2.example.com", types: types, validFrom: validFrom, mspId: "Org2MSP"), _w.In(TimeSpan.FromDays(1))]);
        await _w.OkAsync<ChangeProposal>(Admin3, "ApproveChange", ["p-bank"]);
    }

    [Fact]
    public async Task Reserving_needs_the_registered_issuer_certificate()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(UnregisteredIssuer, "ReserveStatus", ["cred-x", World.Vct]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(NoRole, "ReserveStatus", ["cred-x", World.Vct]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Verifier2, "ReserveStatus", ["cred-x", World.Vct]));
    }

    [Fact]
    public async Task Issuer_outside_its_types_is_refused()
    {
        await _w.OkAsync<CredentialType>(Admin1, "RegisterCredentialType", ["urn:fabric-evidence:degree", "[\"degree\"]", "[\"degree\"]"]);
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Issuer1, "ReserveStatus", ["cred-x", "urn:fabric-evidence:degree"]));
    }

    [Fact]
    public async Task Issuer_outside_its_period_is_refused()
    {
        await RegisterBankAsync(validFrom: DateTimeOffset.UtcNow.AddDays(10));
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Bank2, "ReserveStatus", ["cred-x", World.Vct]));
    }

    [Fact]
    public async Task Credential_ids_are_never_reused_and_must_be_ids()
    {
        await _w.ReserveAsync("cred-dup");
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RunAsync(Issuer1, "ReserveStatus", ["cred-dup", World.Vct]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "ReserveStatus", [new string('c', 65), World.Vct]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "ReserveStatus", ["cred\u0000x", World.Vct]));
    }

    [Fact]
    public async Task Recording_needs_the_credential_in_transient_data_only()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        var sdJwt = _w.Sign(reserved).SdJwt;
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "RecordIssuance", [reserved.Id]));
        var extra = World.Transient(IdentityTransientKeys.Credential, sdJwt);
        extra["claims"] = Encoding.UTF8.GetBytes("{}");
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "RecordIssuance", [reserved.Id], extra));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, sdJwt + new string('A', IdentityLimits.MaxTransientBytes)));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "RecordIssuance", [reserved.Id], new Dictionary<string, byte[]> { [IdentityTransientKeys.Credential] = [0xFF, 0xFE] }));
    }

    [Fact]
    public async Task Credential_signed_by_an_unregistered_key_is_refused()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        using var otherKey = UnregisteredIssuer.IssuerKey();
        var forged = _w.Sign(reserved, issuer: new SdJwtIssuer(otherKey, new SdJwtIssuerOptions { TimeProvider = _w.Clock }));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordIssuanceAsync(reserved.Id, forged.SdJwt));
    }

    [Fact]
    public async Task Another_issuer_cannot_record_a_reservation()
    {
        await RegisterBankAsync();
        var reserved = await _w.ReserveAsync(_w.NewId());
        using var bankKey = Bank2.IssuerKey();
        var credential = _w.Sign(reserved, issuer: new SdJwtIssuer(bankKey, new SdJwtIssuerOptions { TimeProvider = _w.Clock }), iss: "https://bank.org2.example.com");
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordIssuanceAsync(reserved.Id, credential.SdJwt, Bank2));
    }

    [Fact]
    public async Task Altered_disclosure_or_signature_is_refused()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        var credential = _w.Sign(reserved);
        var original = credential.Disclosures.Single(d => d.ClaimName == "family_name");
        var altered = Disclosure.ForProperty("family_name", "Musterfrau", original.Salt);
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, credential.SdJwt.Replace(original.Encoded, altered.Encoded, StringComparison.Ordinal)));

        var parts = credential.IssuerSignedJwt.Split('.');
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!;
        payload["vct"] = "urn:other";
        var tampered = parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2];
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, credential.SdJwt.Replace(credential.IssuerSignedJwt, tampered, StringComparison.Ordinal)));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, "not an sd-jwt"));
    }

    [Fact]
    public async Task Credential_must_match_its_reservation()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, vct: "urn:fabric-evidence:other").SdJwt));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, iss: "https://impostor.example").SdJwt));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, status: new StatusReference((reserved.StatusIndex + 1) % IdentityLimits.StatusListCapacity, reserved.StatusListUri)).SdJwt));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, withoutExpiry: true).SdJwt));
        var shortLived = _w.Sign(reserved, expires: _w.Now.AddSeconds(5));
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromMinutes(1));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, shortLived.SdJwt));
    }

    [Fact]
    public async Task Credential_must_follow_its_type()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        var withSalary = World.ResidenceClaims();
        withSalary["salary"] = 50000;
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, claims: withSalary).SdJwt));
        var clearName = World.TypeDisclosable.Where(d => d != "given_name").ToArray();
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, disclosable: clearName).SdJwt));
        var disclosesCountry = World.TypeDisclosable.Append("address/country").ToArray();
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved, disclosable: disclosesCountry).SdJwt));
    }

    [Fact]
    public async Task Issuance_is_recorded_once_and_only_for_a_reservation()
    {
        var (record, credential) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RecordIssuanceAsync(record.Id, credential.SdJwt));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RecordIssuanceAsync("cred-never-reserved", credential.SdJwt));
        var second = await _w.ReserveAsync(_w.NewId());
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordIssuanceAsync(second.Id, credential.SdJwt));
    }

    [Fact]
    public async Task Only_the_issuer_changes_status()
    {
        await RegisterBankAsync();
        var (record, _) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Bank2, "Suspend", [record.Id, StatusReasonCodes.UnderInvestigation]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(UnregisteredIssuer, "Revoke", [record.Id, StatusReasonCodes.Superseded]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Verifier2, "Revoke", [record.Id, StatusReasonCodes.Superseded]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Admin1, "Revoke", [record.Id, StatusReasonCodes.Superseded]));
    }

    [Theory]
    [InlineData("Holder asked")]
    [InlineData("moved-to-Berlin")]
    [InlineData("not-a-listed-code")]
    [InlineData("")]
    public async Task Reasons_are_listed_codes_never_free_text(string reason)
    {
        var (record, _) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Issuer1, "Revoke", [record.Id, reason]));
    }

    [Fact]
    public async Task Status_changes_follow_the_life_cycle()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Issuer1, "Suspend", [reserved.Id, StatusReasonCodes.UnderInvestigation]));
        var (record, _) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Issuer1, "Reinstate", [record.Id, StatusReasonCodes.InvestigationCleared]));
        await _w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [record.Id, StatusReasonCodes.KeyCompromise]);
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Issuer1, "Suspend", [record.Id, StatusReasonCodes.UnderInvestigation]));
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Issuer1, "Revoke", [record.Id, StatusReasonCodes.KeyCompromise]));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RunAsync(Issuer1, "Revoke", ["cred-unknown", StatusReasonCodes.KeyCompromise]));
    }

    private static string Pad(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
