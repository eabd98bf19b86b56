using System.Security.Cryptography;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Gateway;

namespace FabricEvidence.Cli.Tests;

/// <summary>Failures past the command line: the documented exit code and one line saying what to do, no stack trace.</summary>
[Collection(CliGroup.Name)]
public sealed class ErrorTests(CliHarness harness)
{
    [Fact]
    public async Task An_unknown_item_exits_3()
    {
        var run = await harness.RunAsync("show", "EV-DOES-NOT-EXIST");

        AssertOneLine(run, 3, "Check the id");
    }

    [Fact]
    public async Task A_missing_file_exits_3()
    {
        var run = await harness.RunAsync("verify", "EV-1", Path.Combine(harness.StateDir, "nope.bin"));

        AssertOneLine(run, 3, "does not exist");
    }

    [Fact]
    public async Task A_missing_network_env_exits_3_and_says_how_to_start_the_network()
    {
        var run = await harness.RunAsync("show", "EV-1", "--network-env", Path.Combine(harness.StateDir, "none.env"));

        AssertOneLine(run, 3, "network/network.sh up");
    }

    [Fact]
    public async Task A_missing_msp_folder_exits_3()
    {
        var run = await harness.RunAsync("show", "EV-1", "--msp", Path.Combine(harness.StateDir, "no-msp"));

        AssertOneLine(run, 3, "check --msp");
    }

    [Fact]
    public async Task An_unknown_user_role_exits_2_and_lists_the_roles()
    {
        var run = await harness.RunAsync("show", "EV-1", "--user", "astronaut");

        AssertOneLine(run, 2, "has no user 'astronaut'");
    }

    [Fact]
    public async Task An_unreachable_peer_exits_6()
    {
        var run = await harness.RunAsync("show", "EV-1", "--peer", "http://127.0.0.1:1", "--msp", harness.Msp["investigator@1"], "--msp-id", "Org1MSP");

        AssertOneLine(run, 6, "Cannot reach the peer");
    }

    [Fact]
    public async Task An_unreachable_storage_service_exits_6()
    {
        var run = await harness.RunAsync("submit", harness.NewFile(10), "--case", "C-1", "--description", "d", "--storage-url", "http://127.0.0.1:1");

        AssertOneLine(run, 6, "storage service");
    }

    [Fact]
    public async Task A_step_the_role_may_not_take_exits_4()
    {
        var file = harness.NewFile(100);
        var run = await harness.RunAsync("submit", file, "--case", "C-1", "--description", "d", "--user", "custodian");

        AssertOneLine(run, 4, "The ledger refused");
    }

    [Fact]
    public async Task The_storage_service_refuses_a_download_without_an_access_record()
    {
        var file = harness.NewFile(100);
        var id = CliHarness.NewId();
        Assert.Equal(0, (await harness.RunAsync("submit", file, "--id", id, "--case", "C-1", "--description", "d")).ExitCode);
        var credentials = Identities.LoadMspDirectory("Org1MSP", harness.Msp["custodian@1"]);
        using var storage = new StorageClient(new Uri(harness.StorageUrl + "/"), new SocketsHttpHandler(), credentials.Identity.Certificate, credentials.Signer);

        var refusal = await Assert.ThrowsAsync<StorageRefusedException>(() =>
            storage.DownloadAsync(id, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Stream.Null, Evidence.DigestAlgorithm.Sha256, null, CancellationToken.None));
        var (code, message) = ErrorTranslator.Translate(refusal);

        Assert.Equal(403, refusal.Status);
        Assert.Equal("access-not-recorded", refusal.Code);
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("record access", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_connection_profile_names_the_peer_and_msp_id()
    {
        var profile = Path.Combine(harness.StateDir, "profile.json");
        File.WriteAllText(profile, $$"""
            {
              "name": "test", "version": "1.0.0",
              "client": { "organization": "Org1" },
              "organizations": { "Org1": { "mspid": "Org1MSP", "peers": ["peer0.org1"] } },
              "peers": { "peer0.org1": { "url": "{{harness.PeerAddress.Replace("http://", "grpc://", StringComparison.Ordinal)}}" } }
            }
            """);

        var run = await harness.RunAsync("show", "EV-NOT-THERE", "--profile", profile, "--msp", harness.Msp["investigator@1"], "--network-env", Path.Combine(harness.StateDir, "network.env"));
        var broken = Path.Combine(harness.StateDir, "broken.json");
        File.WriteAllText(broken, "{ \"client\": {} }");
        var bad = await harness.RunAsync("show", "EV-1", "--profile", broken, "--msp", harness.Msp["investigator@1"]);

        // Reaching the contract (which answers not-found) proves the profile's peer and MSP id were used.
        AssertOneLine(run, 3, "Check the id");
        AssertOneLine(bad, 2, "has no client.organization");
    }

    private static void AssertOneLine(CliRun run, int exitCode, string expected) => run.AssertOneLineError(exitCode, expected);
}
