using System.Text.Json;

namespace FabricEvidence.Cli.Tests;

/// <summary>Issuer, holder and verifier through the tool's identity commands against the real identity contract.</summary>
[Collection(IdentityGroup.Name)]
public sealed class IdentityFlowTests(IdentityHarness harness)
{
    private const string Purpose = "police-age-check";

    [Fact]
    public async Task Issue_present_verify_passes_with_only_the_disclosed_claims_then_revoke_makes_verify_exit_5()
    {
        var (credentialId, entry, wallet) = await IssueIntoWalletAsync();
        var consent = await GrantAsync(entry, wallet);

        var (presentation, nonce) = await PresentAsync(entry, wallet);
        var passed = await VerifyAsync(presentation, nonce, consent);

        Assert.True(passed.ExitCode == 0, passed.Errors + passed.Output);
        Assert.Contains("Passed: " + IdentityHarness.Vct, passed.Output, StringComparison.Ordinal);
        Assert.Contains("Köln", passed.Output, StringComparison.Ordinal);
        Assert.Contains("address/locality", passed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cnf", passed.Output, StringComparison.Ordinal);
        Assert.Contains("valid until " + DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), passed.Output, StringComparison.Ordinal);
        Assert.Contains("age_over_18", passed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Mustermann", passed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("1963-08-12", passed.Output, StringComparison.Ordinal);

        // The same presentation again: its nonce is spent, so the contract refuses and nothing is recorded.
        var replay = await VerifyAsync(presentation, nonce, consent);
        Assert.Equal(4, replay.ExitCode);
        Assert.StartsWith("error: The identity ledger refused (RecordVerification)", replay.Errors, StringComparison.Ordinal);

        // No --user: the issuer's commands sign as network.env's issuer by default.
        var revoke = await harness.RunAsync("identity", "revoke", credentialId, "--reason", "key-compromise", "--issuer-id", IdentityHarness.IssuerId, "--json");
        Assert.True(revoke.ExitCode == 0, revoke.Errors);
        Assert.Equal("Revoked", JsonDocument.Parse(revoke.Output).RootElement.GetProperty("status").GetString());

        var (after, afterNonce) = await PresentAsync(entry, wallet);
        var rejected = await VerifyAsync(after, afterNonce, consent);
        var (again, againNonce) = await PresentAsync(entry, wallet);
        var rejectedJson = await VerifyAsync(again, againNonce, consent, "--json");

        Assert.Equal(5, rejected.ExitCode);
        Assert.Contains("Not valid: the ledger's verdict is 'revoked'", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("withheld: not valid", rejected.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Köln", rejected.Output, StringComparison.Ordinal);
        Assert.Equal(5, rejectedJson.ExitCode);
        using var json = JsonDocument.Parse(rejectedJson.Output);
        Assert.Equal("revoked", json.RootElement.GetProperty("result").GetString());
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(credentialId, json.RootElement.GetProperty("record").GetProperty("credentialId").GetString());

        foreach (var value in new[] { "Erika", "Mustermann", "1963-08-12", "Heidestraße 17", "Köln", "51147" })
        {
            Assert.DoesNotContain(value, harness.LedgerText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_json_has_the_disclosed_claims_and_the_record_and_a_withdrawn_consent_is_refused()
    {
        var (credentialId, entry, wallet) = await IssueIntoWalletAsync();
        var consent = await GrantAsync(entry, wallet);
        var (presentation, nonce) = await PresentAsync(entry, wallet);

        var run = await VerifyAsync(presentation, nonce, consent, "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("passed", json.RootElement.GetProperty("result").GetString());
        Assert.True(json.RootElement.GetProperty("claims").GetProperty("age_over_18").GetBoolean());
        Assert.Equal("Köln", json.RootElement.GetProperty("claims").GetProperty("address").GetProperty("locality").GetString());
        Assert.False(json.RootElement.GetProperty("claims").TryGetProperty("family_name", out _));
        Assert.Equal(credentialId, json.RootElement.GetProperty("record").GetProperty("credentialId").GetString());
        Assert.Equal(consent, json.RootElement.GetProperty("record").GetProperty("consentId").GetString());

        var withdraw = await harness.RunAsync("identity", "consent", "withdraw", entry, consent, "--wallet", wallet, "--user", "holder");
        Assert.True(withdraw.ExitCode == 0, withdraw.Errors);
        Assert.Contains($"Consent {consent} withdrawn", withdraw.Output, StringComparison.Ordinal);
        var (again, againNonce) = await PresentAsync(entry, wallet);
        var refused = await VerifyAsync(again, againNonce, consent);
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("Use an identity with the role this step needs", refused.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presentation_for_another_verifier_is_rejected_with_exit_5_and_nothing_recorded()
    {
        var (_, entry, wallet) = await IssueIntoWalletAsync();
        var consent = await GrantAsync(entry, wallet);
        var nonce = (await harness.RunAsync("identity", "nonce")).Output.Trim();
        var presentation = harness.NewPath(".txt");
        var present = await harness.RunAsync("identity", "present", entry, "--wallet", wallet, "--disclose", "age_over_18", "--audience", "Org3MSP", "--nonce", nonce, "-o", presentation);
        Assert.True(present.ExitCode == 0, present.Errors);
        var before = harness.LedgerText();

        var run = await VerifyAsync(presentation, nonce, consent);

        Assert.Equal(5, run.ExitCode);
        Assert.StartsWith("error: The presentation was rejected (Credential)", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, harness.LedgerText());
    }

    [Fact]
    public async Task Suspend_then_reinstate_change_the_status_and_a_second_revoke_is_refused()
    {
        var (credentialId, _, _) = await IssueIntoWalletAsync();
        string[] issuer = ["--issuer-id", IdentityHarness.IssuerId, "--user", "issuer"];

        var suspend = await harness.RunAsync(["identity", "suspend", credentialId, "--reason", "under-investigation", .. issuer]);
        var reinstate = await harness.RunAsync(["identity", "reinstate", credentialId, "--reason", "investigation-cleared", .. issuer]);
        var revoke = await harness.RunAsync(["identity", "revoke", credentialId, "--reason", "superseded", .. issuer]);
        var again = await harness.RunAsync(["identity", "revoke", credentialId, "--reason", "superseded", .. issuer]);

        Assert.True(suspend.ExitCode == 0, suspend.Errors);
        Assert.Contains("its status is now Suspended", suspend.Output, StringComparison.Ordinal);
        Assert.True(reinstate.ExitCode == 0, reinstate.Errors);
        Assert.Contains("its status is now Valid", reinstate.Output, StringComparison.Ordinal);
        Assert.True(revoke.ExitCode == 0, revoke.Errors);
        Assert.Equal(4, again.ExitCode);
        Assert.Single(again.Errors.TrimEnd().Split('\n'));
    }

    internal async Task<(string CredentialId, string Entry, string Wallet)> IssueIntoWalletAsync()
    {
        var key = harness.NewPath(".pem");
        var keyRun = await harness.RunAsync("identity", "key", "-o", key);
        Assert.True(keyRun.ExitCode == 0, keyRun.Errors);
        var claims = harness.NewPath(".json");
        File.WriteAllText(claims, """
            {"given_name": "Erika", "family_name": "Mustermann", "birthdate": "1963-08-12", "age_over_18": true,
             "address": {"street_address": "Heidestraße 17", "locality": "Köln", "postal_code": "51147"}}
            """);
        var credential = harness.NewPath(".sdjwt");
        var issue = await harness.RunAsync("identity", "issue", "--type", IdentityHarness.Vct, "--claims", claims, "--holder-key", Path.ChangeExtension(key, ".jwk"),
            "--issuer-id", IdentityHarness.IssuerId, "--expires", DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "-o", credential, "--user", "issuer", "--json");
        Assert.True(issue.ExitCode == 0, issue.Errors);
        var record = JsonDocument.Parse(issue.Output).RootElement;
        Assert.Equal("Valid", record.GetProperty("status").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credential));
        }

        var wallet = harness.NewPath(".wallet");
        var add = await harness.RunAsync("identity", "wallet", "add", credential, "--key", key, "--wallet", wallet, "--label", "residence", "--json");
        Assert.True(add.ExitCode == 0, add.Errors);
        return (record.GetProperty("id").GetString()!, JsonDocument.Parse(add.Output).RootElement.GetProperty("entry").GetString()!, wallet);
    }

    private async Task<string> GrantAsync(string entry, string wallet)
    {
        var grant = await harness.RunAsync("identity", "consent", "grant", entry, "--wallet", wallet, "--verifier", "Org2MSP", "--purpose", Purpose,
            "--claims", "age_over_18,address/locality", "--expires", DateTimeOffset.UtcNow.AddDays(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture), "--user", "holder", "--json");
        Assert.True(grant.ExitCode == 0, grant.Errors);
        return JsonDocument.Parse(grant.Output).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<(string Presentation, string Nonce)> PresentAsync(string entry, string wallet)
    {
        var nonce = await harness.RunAsync("identity", "nonce");
        Assert.Equal(0, nonce.ExitCode);
        var path = harness.NewPath(".txt");
        var present = await harness.RunAsync("identity", "present", entry, "--wallet", wallet, "--disclose", "age_over_18,address/locality",
            "--audience", "Org2MSP", "--nonce", nonce.Output.Trim(), "-o", path);
        Assert.True(present.ExitCode == 0, present.Errors);
        return (path, nonce.Output.Trim());
    }

    // No --user: 'identity verify' signs as network.env's verifier of --org by default.
    private Task<CliRun> VerifyAsync(string presentation, string nonce, string consent, params string[] more) =>
        harness.RunAsync(["identity", "verify", presentation, "--nonce", nonce, "--consent", consent, "--purpose", Purpose,
            "--trust", "Org1MSP=" + harness.Org1Ca, "--org", "2", .. more]);
}
