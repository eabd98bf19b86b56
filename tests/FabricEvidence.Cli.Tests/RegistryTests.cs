using System.Globalization;
using System.Text.Json;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Cli.Tests;

/// <summary>The administrators' registry and credential type commands against the real identity contract (Org1–Org3: a change needs 2 approvals).</summary>
[Collection(IdentityGroup.Name)]
public sealed class RegistryTests(IdentityHarness harness)
{
    private static string Date(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Show_prints_the_organisations_and_the_majority_as_the_admin_by_default()
    {
        var show = await harness.RunAsync("identity", "registry", "show");
        Assert.True(show.ExitCode == 0, show.Errors);
        Assert.Contains("Org1MSP, Org2MSP, Org3MSP", show.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 3", show.Output, StringComparison.Ordinal);

        var json = await harness.RunAsync("identity", "registry", "show", "--json");
        using var config = JsonDocument.Parse(json.Output);
        Assert.Equal(3, config.RootElement.GetProperty("organisations").GetArrayLength());
        Assert.Equal("Org1MSP", config.RootElement.GetProperty("changed").GetProperty("mspId").GetString());
    }

    [Fact]
    public async Task An_issuer_proposed_by_Org2_issues_only_after_Org1_approves()
    {
        var issuerId = "https://" + NewId("bank") + ".org2.example.com";
        var proposal = NewId("add-bank");
        var propose = await harness.RunAsync("identity", "registry", "propose-issuer", proposal, "--issuer-id", issuerId,
            "--certificate", harness.MspFolder(Bank2), "--types", IdentityHarness.Vct, "--valid-until", Date(365),
            "--status-base", "https://status.org2.example.com/lists", "--org", "2");
        Assert.True(propose.ExitCode == 0, propose.Errors);
        Assert.Contains($"Proposal {proposal} (add an issuer) is open with 1 of 2 approvals", propose.Output, StringComparison.Ordinal);
        Assert.Contains($"evidence identity registry approve {proposal}", propose.Output, StringComparison.Ordinal);

        // Not registered yet: the bank's issuance is refused by the contract and nothing is written.
        var early = await IssueAsBankAsync(issuerId);
        Assert.Equal(4, early.ExitCode);
        Assert.StartsWith("error: The identity ledger", early.Errors, StringComparison.Ordinal);

        var open = await harness.RunAsync("identity", "registry", "proposal", proposal, "--json");
        using (var json = JsonDocument.Parse(open.Output))
        {
            Assert.Equal("Open", json.RootElement.GetProperty("state").GetString());
            Assert.Equal("Org2MSP", json.RootElement.GetProperty("issuer").GetProperty("mspId").GetString());
        }

        var approve = await harness.RunAsync("identity", "registry", "approve", proposal, "--org", "1");
        Assert.True(approve.ExitCode == 0, approve.Errors);
        Assert.Contains($"Proposal {proposal} (add an issuer) is applied: 2 of the 2 approvals", approve.Output, StringComparison.Ordinal);
        Assert.Contains("Approved by", approve.Output, StringComparison.Ordinal);

        var issuer = await harness.RunAsync("identity", "registry", "issuer", issuerId, "--json");
        Assert.True(issuer.ExitCode == 0, issuer.Errors);
        using (var json = JsonDocument.Parse(issuer.Output))
        {
            Assert.True(json.RootElement.GetProperty("active").GetBoolean());
            Assert.Equal(proposal, json.RootElement.GetProperty("proposalId").GetString());
            Assert.Equal(IdentityHarness.Vct, json.RootElement.GetProperty("spec").GetProperty("credentialTypes")[0].GetString());
        }

        var issued = await IssueAsBankAsync(issuerId);
        Assert.True(issued.ExitCode == 0, issued.Errors);
        using (var json = JsonDocument.Parse(issued.Output))
        {
            Assert.Equal(issuerId, json.RootElement.GetProperty("issuerId").GetString());
        }

        // A second approval of an applied proposal is a wrong-state refusal.
        var again = await harness.RunAsync("identity", "registry", "approve", proposal, "--org", "1");
        Assert.Equal(4, again.ExitCode);
    }

    [Fact]
    public async Task A_withdrawn_proposal_changes_nothing_and_can_no_longer_be_approved()
    {
        var proposal = NewId("members");
        var propose = await harness.RunAsync("identity", "registry", "propose-members", proposal, "--members", "Org1MSP,Org2MSP", "--expires", Date(3));
        Assert.True(propose.ExitCode == 0, propose.Errors);

        var withdraw = await harness.RunAsync("identity", "registry", "withdraw", proposal);
        Assert.True(withdraw.ExitCode == 0, withdraw.Errors);
        Assert.Contains("is withdrawn; nothing changed", withdraw.Output, StringComparison.Ordinal);
        Assert.Contains("Withdrawn by", withdraw.Output, StringComparison.Ordinal);

        var approve = await harness.RunAsync("identity", "registry", "approve", proposal, "--org", "2");
        Assert.Equal(4, approve.ExitCode);
        var show = await harness.RunAsync("identity", "registry", "show");
        Assert.Contains("Org1MSP, Org2MSP, Org3MSP", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_register_then_show_and_a_new_version_on_re_registration()
    {
        var vct = "urn:fabric-evidence:" + NewId("licence");
        var first = await harness.RunAsync("identity", "type", "register", vct, "--claims", "category,age_over_18,expiry", "--disclosable", "category,age_over_18");
        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.Contains($"Credential type {vct} version 1 registered: 3 claims, 2 selectively disclosable.", first.Output, StringComparison.Ordinal);

        var second = await harness.RunAsync("identity", "type", "register", vct, "--claims", "category,age_over_18,expiry,restrictions", "--disclosable", "category", "--json");
        Assert.True(second.ExitCode == 0, second.Errors);
        using var json = JsonDocument.Parse(second.Output);
        Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());

        var show = await harness.RunAsync("identity", "type", "show", vct);
        Assert.True(show.ExitCode == 0, show.Errors);
        Assert.Contains("restrictions", show.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry init", "--members is required")]
    [InlineData("registry propose-issuer p-1 --certificate x --types a --valid-until 2030-01-01 --status-base https://s", "--issuer-id is required")]
    [InlineData("registry propose-issuer p-1 --issuer-id https://i --types a --valid-until 2030-01-01 --status-base https://s", "--certificate is required")]
    [InlineData("registry propose-issuer p-1 --issuer-id https://i --certificate x --valid-until 2030-01-01 --status-base https://s", "--types is required")]
    [InlineData("registry propose-issuer p-1 --issuer-id https://i --certificate x --types a --status-base https://s", "--valid-until is required")]
    [InlineData("registry propose-issuer p-1 --issuer-id https://i --certificate x --types a --valid-until soon --status-base https://s", "--valid-until 'soon' is not a date")]
    [InlineData("registry propose-issuer p-1 --issuer-id https://i --certificate x --types a --valid-until 2030-01-01", "--status-base is required")]
    [InlineData("registry propose-members p-1", "--members is required")]
    [InlineData("registry propose-members p-1 --members Org1MSP --expires tomorrow", "--expires 'tomorrow' is not a date")]
    [InlineData("registry propose-removal p-1", "--issuer-id is required")]
    [InlineData("type register urn:x:y", "--claims is required")]
    public async Task Missing_or_malformed_options_exit_2_with_what_to_fix(string command, string message)
    {
        var run = await harness.RunAsync(["identity", .. command.Split(' ')]);
        run.AssertOneLineError(2, message);
    }

    [Fact]
    public async Task Refusals_name_what_to_fix_and_change_nothing()
    {
        var before = harness.LedgerText();

        var notAdmin = await harness.RunAsync("identity", "registry", "approve", "p-issuer", "--org", "2", "--user", "verifier");
        Assert.Equal(4, notAdmin.ExitCode);
        Assert.Contains("Use an identity with the role this step needs", notAdmin.Errors, StringComparison.Ordinal);

        var secondInit = await harness.RunAsync("identity", "registry", "init", "--members", "Org1MSP,Org2MSP");
        Assert.Equal(4, secondInit.ExitCode);

        var missingCertificate = await harness.RunAsync("identity", "registry", "propose-issuer", NewId("p"), "--issuer-id", "https://x.example.com",
            "--certificate", harness.NewPath(".pem"), "--types", IdentityHarness.Vct, "--valid-until", Date(30), "--status-base", "https://s.example.com");
        Assert.Equal(3, missingCertificate.ExitCode);
        Assert.Contains("pass the issuer's enrollment certificate (PEM) or its MSP folder", missingCertificate.Errors, StringComparison.Ordinal);

        var notPem = harness.NewPath(".pem");
        File.WriteAllText(notPem, "not a certificate");
        var badCertificate = await harness.RunAsync("identity", "registry", "propose-issuer", NewId("p"), "--issuer-id", "https://x.example.com",
            "--certificate", notPem, "--types", IdentityHarness.Vct, "--valid-until", Date(30), "--status-base", "https://s.example.com");
        Assert.Equal(2, badCertificate.ExitCode);
        Assert.Contains("is not a PEM certificate", badCertificate.Errors, StringComparison.Ordinal);

        var unknownType = await harness.RunAsync("identity", "registry", "propose-issuer", NewId("p"), "--issuer-id", "https://x.example.com",
            "--certificate", harness.MspFolder(Bank2), "--types", "urn:fabric-evidence:never-registered", "--valid-until", Date(30), "--status-base", "https://s.example.com");
        Assert.NotEqual(0, unknownType.ExitCode);

        var noProposal = await harness.RunAsync("identity", "registry", "proposal", "no-such-proposal");
        Assert.Equal(3, noProposal.ExitCode);

        var noType = await harness.RunAsync("identity", "type", "show", "urn:fabric-evidence:never-registered");
        Assert.Equal(3, noType.ExitCode);

        Assert.Equal(before, harness.LedgerText());
    }

    private async Task<CliRun> IssueAsBankAsync(string issuerId)
    {
        var key = harness.NewPath(".pem");
        var keyRun = await harness.RunAsync("identity", "key", "-o", key);
        Assert.True(keyRun.ExitCode == 0, keyRun.Errors);
        var claims = harness.NewPath(".json");
        File.WriteAllText(claims, """{"age_over_18": true}""");
        return await harness.RunAsync("identity", "issue", "--type", IdentityHarness.Vct, "--claims", claims, "--holder-key", Path.ChangeExtension(key, ".jwk"),
            "--issuer-id", issuerId, "--expires", Date(200), "-o", harness.NewPath(".sdjwt"), "--org", "2", "--user", "issuer", "--json");
    }
}
