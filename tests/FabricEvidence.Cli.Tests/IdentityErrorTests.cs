namespace FabricEvidence.Cli.Tests;

/// <summary>Bad identity command lines and refusals: one line saying what to fix, the documented exit code, nothing written.</summary>
[Collection(IdentityGroup.Name)]
public sealed class IdentityErrorTests(IdentityHarness harness)
{
    [Theory]
    [InlineData("identity frob", "Unknown command 'frob'")]
    [InlineData("identity issue --claims c.json --holder-key h.jwk --issuer-id U --expires 2030-01-01 -o x", "--type is required")]
    [InlineData("identity issue --type T --claims c.json --holder-key h.jwk --expires 2030-01-01 -o x", "--issuer-id is required")]
    [InlineData("identity issue --type T --claims c.json --holder-key h.jwk --issuer-id U --expires soon -o x", "--expires 'soon' is not a date")]
    [InlineData("identity issue --type T --claims c.json --holder-key h.jwk --issuer-id U --expires 2030-01-01", "-o is required")]
    [InlineData("identity key", "-o is required")]
    [InlineData("identity wallet add cred --wallet w", "--key is required")]
    [InlineData("identity present E --wallet w --audience Org2MSP --nonce n -o p", "--disclose is required")]
    [InlineData("identity present E --wallet w --disclose a --nonce n -o p", "--audience is required")]
    [InlineData("identity present E --disclose a --audience Org2MSP --nonce n -o p", "--wallet is required")]
    [InlineData("identity verify p --nonce n --consent c --purpose p", "--trust is required")]
    [InlineData("identity verify p --nonce n --consent c --purpose p --trust Org1MSP", "must be MSPID=FILE")]
    [InlineData("identity verify p --consent c --purpose p --trust Org1MSP=ca.pem", "--nonce is required")]
    [InlineData("identity revoke C-1 --issuer-id U", "--reason is required")]
    [InlineData("identity suspend --reason r --issuer-id U", "missing required argument 'ID'")]
    [InlineData("identity consent grant E --wallet w --verifier Org2MSP --purpose p --claims a --expires never", "--expires is required")]
    [InlineData("identity consent grant E --wallet w --purpose p --claims a --expires 2030-01-01", "--verifier is required")]
    [InlineData("identity consent withdraw E --wallet w", "missing required argument 'CONSENT'")]
    public async Task A_wrong_command_line_exits_2_with_one_line_saying_what_to_fix(string commandLine, string expected)
    {
        var run = await harness.RunAsync(ParsingTests.Split(commandLine));

        run.AssertOneLineError(2, expected);
    }

    [Fact]
    public async Task Help_lists_the_identity_commands()
    {
        var run = await harness.RunAsync("identity", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "key", "issue", "wallet", "present", "nonce", "verify", "revoke", "suspend", "reinstate", "consent" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_credential_exits_3_and_a_verifier_cannot_issue_exit_4()
    {
        var revoke = await harness.RunAsync("identity", "revoke", "no-such-credential", "--reason", "superseded", "--issuer-id", IdentityHarness.IssuerId, "--user", "issuer");

        Assert.Equal(3, revoke.ExitCode);
        Assert.StartsWith("error: The identity ledger has no such record of 'no-such-credential'", revoke.Errors, StringComparison.Ordinal);

        var key = harness.NewPath(".pem");
        Assert.Equal(0, (await harness.RunAsync("identity", "key", "-o", key)).ExitCode);
        var claims = harness.NewPath(".json");
        File.WriteAllText(claims, """{"age_over_18": true}""");
        var output = harness.NewPath(".sdjwt");
        var before = harness.LedgerText();
        var issue = await harness.RunAsync("identity", "issue", "--type", IdentityHarness.Vct, "--claims", claims, "--holder-key", Path.ChangeExtension(key, ".jwk"),
            "--issuer-id", IdentityHarness.IssuerId, "--expires", "2030-01-01", "-o", output, "--org", "2", "--user", "verifier");

        Assert.Equal(4, issue.ExitCode);
        Assert.StartsWith("error: The identity ledger refused (ReserveStatus)", issue.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(before, harness.LedgerText());
    }

    [Fact]
    public async Task Missing_files_exit_3_and_bad_ones_exit_2()
    {
        var key = harness.NewPath(".pem");
        Assert.Equal(0, (await harness.RunAsync("identity", "key", "-o", key)).ExitCode);
        var notJson = harness.NewPath(".json");
        File.WriteAllText(notJson, "{ not json");
        string[] rest = ["--issuer-id", IdentityHarness.IssuerId, "--expires", "2030-01-01", "-o", harness.NewPath(".sdjwt"), "--user", "issuer"];

        var missingClaims = await harness.RunAsync(["identity", "issue", "--type", IdentityHarness.Vct, "--claims", "/nonexistent/claims.json", "--holder-key", Path.ChangeExtension(key, ".jwk"), .. rest]);
        var badClaims = await harness.RunAsync(["identity", "issue", "--type", IdentityHarness.Vct, "--claims", notJson, "--holder-key", Path.ChangeExtension(key, ".jwk"), .. rest]);
        var badHolderKey = await harness.RunAsync(["identity", "issue", "--type", IdentityHarness.Vct, "--claims", notJson, "--holder-key", key, .. rest]);
        var noWallet = await harness.RunAsync("identity", "present", "E", "--wallet", harness.NewPath(".wallet"), "--disclose", "a", "--audience", "Org2MSP", "--nonce", "n", "-o", harness.NewPath(".txt"));

        Assert.Equal(3, missingClaims.ExitCode);
        Assert.Contains("check --claims", missingClaims.Errors, StringComparison.Ordinal);
        Assert.Equal(2, badClaims.ExitCode);
        Assert.Contains("is not valid JSON", badClaims.Errors, StringComparison.Ordinal);
        Assert.Equal(2, badHolderKey.ExitCode);
        Assert.Contains("is not valid JSON", badHolderKey.Errors, StringComparison.Ordinal);
        Assert.Equal(3, noWallet.ExitCode);
        Assert.Contains("add a credential first", noWallet.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_exits_4_and_an_unknown_entry_exits_3()
    {
        var (_, entry, wallet) = await new IdentityFlowTests(harness).IssueIntoWalletAsync();
        var wrong = harness.NewPath(".txt");
        File.WriteAllText(wrong, "not the passphrase");

        var badPassphrase = await harness.RunAsync("identity", "present", entry, "--wallet", wallet, "--passphrase-file", wrong, "--disclose", "age_over_18", "--audience", "Org2MSP", "--nonce", "n", "-o", harness.NewPath(".txt"));
        var badEntry = await harness.RunAsync("identity", "present", "no-entry", "--wallet", wallet, "--disclose", "age_over_18", "--audience", "Org2MSP", "--nonce", "n", "-o", harness.NewPath(".txt"));
        var badClaim = await harness.RunAsync("identity", "present", entry, "--wallet", wallet, "--disclose", "shoe_size", "--audience", "Org2MSP", "--nonce", "n", "-o", harness.NewPath(".txt"));

        Assert.Equal(4, badPassphrase.ExitCode);
        Assert.Contains("the passphrase is wrong", badPassphrase.Errors, StringComparison.Ordinal);
        Assert.Equal(3, badEntry.ExitCode);
        Assert.Contains($"its entries: {entry}", badEntry.Errors, StringComparison.Ordinal);
        Assert.Equal(2, badClaim.ExitCode);
        Assert.Contains("Check --disclose", badClaim.Errors, StringComparison.Ordinal);
    }
}
